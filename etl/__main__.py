from etl.cli.main import main

raise SystemExit(main())
