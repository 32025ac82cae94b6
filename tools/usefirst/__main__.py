from usefirst.cli import main

raise SystemExit(main())
