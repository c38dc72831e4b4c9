import RunbookCLI

await Runbook.main()
