"""Fix-verification harness: reproducer suites run on real pytest-asyncio releases, diagnosed and fixed."""
