using System.CommandLine;
using CloudAudit.Cli;
using CloudAudit.Cli.Commands;

var root = new RootCommand("cloud-audit: read-only AWS security scanner")
{
    VersionCommand.Create(),
    PolicyCommand.Create(),
};
return CommandLineApp.Run(root, args);
