/*
 * sopdocs: the header search box, answered by Pagefind (templates/theme/partials/search.html).
 *
 * Pagefind's index is split in chunks: the first query loads the small entry files, then
 * only the index chunks and page fragments it needs. Regulation citations are rewritten
 * before searching: "UU 24/2013", "uu 24 2013" and "Undang-Undang Nomor 24 Tahun 2013" all
 * become the one word the regulation's pages carry (sopdocs.site.search: searchKey and shardOf
 * below are search_key and alias_shard there). The table is split in files by the digits a
 * citation ends in; a query with a digit fetches only the files its words can name.
 * A query runs once typing pauses (DELAY_MS) and has two characters: each run fetches the
 * fragments of the results it shows (PAGE_SIZE at a time), which a phone pays for. The engine
 * runs on the page, not in Pagefind's worker: the worker's script is another 41 KB to fetch.
 * Keyboard: "/" or "s" opens the box, arrows choose a result, Enter opens it, Esc closes.
 * Result text is always set as text; of Pagefind's excerpts only <mark> survives.
 */
(function () {
  "use strict";

  var FILLER_WORDS = ["nomor", "nomer", "no", "nr", "tahun", "thn", "th", "ri", "republik", "indonesia"];
  var TOKEN = /\bsopdocsreg[a-z0-9]*\b/g;
  var MAX_CITATION_WORDS = 12;
  var ALIAS_SHARDS = 64;
  var PAGE_SIZE = 5;
  var DELAY_MS = 150;
  var MIN_CHARS = 2;

  /* Lower case, ASCII letters and digits, filler words dropped, no spaces. */
  function searchKey(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (word) {
      return word && FILLER_WORDS.indexOf(word) === -1;
    }).join("");
  }

  /* The file of the table a key would be in: a hash of the digits it ends in, or null. */
  function shardOf(key) {
    var digits = /[0-9]+$/.exec(key);
    if (!digits) {
      return null;
    }
    var shard = 0;
    for (var i = 0; i < digits[0].length; i++) {
      shard = (shard * 31 + digits[0].charCodeAt(i)) % ALIAS_SHARDS;
    }
    return (shard < 10 ? "0" : "") + shard;
  }

  function wordsOf(query) {
    return query.split(/\s+/).filter(Boolean);
  }

  /* The key of words i..j-1 of a query, as the table would hold it. */
  function spanKey(keys, i, j) {
    return keys.slice(i, j).join("");
  }

  /* Every file of the table a citation in the query could be in. */
  function shardsFor(query) {
    var keys = wordsOf(query).map(searchKey);
    var shards = {};
    for (var i = 0; i < keys.length; i++) {
      for (var j = i + 1; j <= Math.min(keys.length, i + MAX_CITATION_WORDS); j++) {
        var shard = shardOf(spanKey(keys, i, j));
        if (shard !== null) {
          shards[shard] = true;
        }
      }
    }
    return Object.keys(shards).sort();
  }

  /* The query with every regulation citation the table knows replaced by its token. */
  function rewrite(query, table) {
    var words = wordsOf(query);
    var keys = words.map(searchKey);
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var found = 0;
      for (var j = Math.min(words.length, i + MAX_CITATION_WORDS); j > i && !found; j--) {
        var key = spanKey(keys, i, j);
        if (key && Object.prototype.hasOwnProperty.call(table, key)) {
          out.push(table[key]);
          found = j - i;
        }
      }
      if (found) {
        i += found - 1;
      } else {
        out.push(words[i]);
      }
    }
    return out.join(" ");
  }

  /* Pagefind's excerpt as nodes: text stays text, <mark> stays a mark, the rest is dropped. */
  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var nodes = [];
    template.content.childNodes.forEach(function (node) {
      var text = node.textContent.replace(TOKEN, "");
      if (node.nodeName === "MARK" && text.trim()) {
        var mark = document.createElement("mark");
        mark.textContent = text;
        nodes.push(mark);
      } else if (node.nodeName !== "MARK") {
        nodes.push(document.createTextNode(text));
      }
    });
    return nodes;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function SearchBox(root) {
    this.root = root;
    this.form = root.querySelector("form");
    this.input = this.form.querySelector("input");
    this.meta = root.querySelector(".md-search-result__meta");
    this.list = root.querySelector(".md-search-result__list");
    this.more = root.querySelector(".sopdocs-search-more");
    this.filterBox = root.querySelector(".sopdocs-search-filters");
    this.selects = Array.prototype.slice.call(root.querySelectorAll("select[data-facet]"));
    this.toggle = document.getElementById("__search");
    this.base = new URL(root.dataset.base.replace(/\/?$/, "/"), document.baseURI).pathname;
    this.bundle = new URL(root.dataset.pagefind, document.baseURI).href;
    this.aliasesUrl = new URL(root.dataset.aliases, document.baseURI).href;
    this.engine = null;
    this.shards = {};
    this.results = [];
    this.shown = 0;
    this.selected = -1;
    this.generation = 0;
    this.timer = 0;
  }

  SearchBox.prototype.load = function () {
    var base = this.base;
    if (!this.engine) {
      this.engine = import(this.bundle).then(function (pagefind) {
        var options = { baseUrl: base, excerptLength: 24, noWorker: true };
        return pagefind.options(options).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
    }
    return this.engine;
  };

  /* The part of the table the query's citations can be in, each file fetched once. */
  SearchBox.prototype.loadAliases = function (query) {
    var self = this;
    return Promise.all(shardsFor(query).map(function (shard) {
      if (!self.shards[shard]) {
        var url = new URL(shard + ".json", self.aliasesUrl).href;
        self.shards[shard] = fetch(url).then(function (response) {
          return response.ok ? response.json() : {};
        }).catch(function () {
          return {};
        });
      }
      return self.shards[shard];
    })).then(function (tables) {
      return Object.assign.apply(Object, [{}].concat(tables));
    });
  };

  SearchBox.prototype.filters = function () {
    var chosen = {};
    this.selects.forEach(function (select) {
      if (select.value) {
        chosen[select.dataset.facet] = select.value;
      }
    });
    return chosen;
  };

  SearchBox.prototype.schedule = function () {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.run.bind(this), DELAY_MS);
  };

  SearchBox.prototype.run = function () {
    var self = this;
    var query = this.input.value.trim();
    var filters = this.filters();
    var generation = ++this.generation;
    if (query.length < MIN_CHARS && !Object.keys(filters).length) {
      // One letter matches half the catalogue: fragments fetched for nothing.
      this.clear("Ketik untuk mencari SOP");
      return Promise.resolve();
    }
    var aliases = /\d/.test(query) ? this.loadAliases(query) : Promise.resolve({});
    return Promise.all([this.load(), aliases]).then(function (loaded) {
      var term = query ? rewrite(query, loaded[1]) : null;
      return loaded[0].search(term, { filters: filters });
    }).then(function (search) {
      if (generation !== self.generation) {
        return null;
      }
      self.results = search.results;
      self.answered = { query: query, filters: JSON.stringify(filters) };
      self.shown = 0;
      self.selected = -1;
      self.list.textContent = "";
      return self.showMore(generation);
    }).catch(function (error) {
      if (generation === self.generation) {
        self.clear("Pencarian tidak tersedia: " + error.message);
      }
    });
  };

  SearchBox.prototype.showMore = function (generation) {
    var self = this;
    var batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
    this.shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (generation !== self.generation) {
        return;
      }
      pages.forEach(function (data) { self.list.appendChild(self.item(data)); });
      var count = self.results.length;
      self.meta.textContent = count ? count + " hasil" : "Tidak ada hasil";
      self.more.hidden = self.shown >= count;
      self.input.setAttribute("aria-expanded", count ? "true" : "false");
      self.mark();
    });
  };

  SearchBox.prototype.item = function (data) {
    // The link is the option: an option holding a link would nest one control in another.
    var item = element("li", "md-search-result__item");
    item.setAttribute("role", "none");
    var link = element("a", "md-search-result__link");
    link.setAttribute("role", "option");
    link.id = "sopdocs-hasil-" + this.list.children.length;
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("h1", "", data.meta.title || data.url));
    var facts = [data.meta.nomor, data.meta.unit].filter(Boolean);
    if (facts.length) {
      article.appendChild(element("p", "sopdocs-search-facts", facts.join(" · ")));
    }
    var excerpt = element("p", "sopdocs-search-excerpt");
    excerptNodes(data.excerpt || "").forEach(function (node) { excerpt.appendChild(node); });
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  };

  /* What the list now answers, for scripts and tests waiting on it: the query, the filters
   * as JSON, how many results are shown. */
  SearchBox.prototype.mark = function () {
    this.list.dataset.query = this.answered.query;
    this.list.dataset.filters = this.answered.filters;
    this.list.dataset.shown = String(this.shown);
  };

  SearchBox.prototype.clear = function (message) {
    this.answered = { query: "", filters: "{}" };
    this.results = [];
    this.shown = 0;
    this.selected = -1;
    this.list.textContent = "";
    this.meta.textContent = message;
    this.more.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.mark();
  };

  SearchBox.prototype.select = function (index) {
    var items = this.list.children;
    if (!items.length) {
      return;
    }
    var previous = items[this.selected];
    if (previous) {
      previous.firstChild.removeAttribute("aria-selected");
    }
    this.selected = (index + items.length) % items.length;
    var current = items[this.selected].firstChild;
    current.setAttribute("aria-selected", "true");
    this.input.setAttribute("aria-activedescendant", current.id);
    current.scrollIntoView({ block: "nearest" });
  };

  SearchBox.prototype.open = function () {
    if (this.toggle && !this.toggle.checked) {
      this.toggle.checked = true;
      this.toggle.dispatchEvent(new Event("change"));
    }
    this.input.focus();
    this.load();
  };

  SearchBox.prototype.close = function () {
    if (this.toggle && this.toggle.checked) {
      this.toggle.checked = false;
      this.toggle.dispatchEvent(new Event("change"));
    }
    this.input.blur();
  };

  SearchBox.prototype.onKey = function (event) {
    var items = this.list.children;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      this.select(this.selected + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Enter") {
      event.preventDefault();
      var chosen = items[Math.max(this.selected, 0)];
      if (chosen) {
        window.location.href = chosen.querySelector("a").href;
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      this.close();
    }
  };

  SearchBox.prototype.fillFilters = function () {
    var selects = this.selects;
    if (this.filtersFilled) {
      return;
    }
    this.filtersFilled = true;
    this.load().then(function (pagefind) {
      return pagefind.filters();
    }).then(function (available) {
      selects.forEach(function (select) {
        var values = available[select.dataset.facet] || {};
        Object.keys(values).sort(function (a, b) { return a.localeCompare(b, "id"); })
          .forEach(function (value) {
            var option = element("option", "", value + " (" + values[value] + ")");
            option.value = value;
            select.appendChild(option);
          });
      });
    });
  };

  SearchBox.prototype.listen = function () {
    var self = this;
    this.input.addEventListener("input", function () { self.schedule(); });
    this.input.addEventListener("focus", function () { self.open(); });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("reset", function () {
      setTimeout(function () { self.run(); self.input.focus(); }, 0);
    });
    this.more.addEventListener("click", function () { self.showMore(self.generation); });
    // A click or tap on "more" leaves the focus in the box: arrows, Enter and typing go on.
    this.more.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.filterBox.addEventListener("toggle", function () { self.fillFilters(); });
    this.selects.forEach(function (select) {
      select.addEventListener("change", function () { self.run(); });
    });
    if (this.toggle) {
      this.toggle.addEventListener("change", function () {
        if (self.toggle.checked) {
          self.input.focus();
        }
      });
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName);
      if (typing || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      if (event.key === "/" || event.key === "s") {
        event.preventDefault();
        self.open();
      }
    });
  };

  function setUp() {
    var root = document.querySelector("[data-sopdocs-search]");
    if (!root || root.dataset.ready) {
      return;
    }
    root.dataset.ready = "1";
    var box = new SearchBox(root);
    box.listen();
    window.sopdocsSearch = { searchKey: searchKey, shardOf: shardOf, rewrite: rewrite, box: box };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
