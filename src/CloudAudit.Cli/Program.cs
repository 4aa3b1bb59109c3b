using CloudAudit.Cli;

return CommandLineApp.Run(CommandLineApp.BuildRoot(), args);
