from tangkas.cli import main

main()
