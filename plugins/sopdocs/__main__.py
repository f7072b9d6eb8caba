from sopdocs.adapters.cli import main

main()
