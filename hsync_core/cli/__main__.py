from hsync_core.cli import main

main()
