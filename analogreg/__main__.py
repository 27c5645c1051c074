from analogreg.cli import main

main()
