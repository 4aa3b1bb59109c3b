using System.Collections;
using CloudAudit.Cli.Configuration;

namespace CloudAudit.Integration.Tests;

/// <summary>Command lines run with a profile named <c>management</c> whose role is <c>auditor</c> in a given account.</summary>
public static class ProfileRuns
{
    /// <summary>Runs <paramref name="args"/> with that profile written into <paramref name="home"/>, from the fixture's keys.</summary>
    public static CliRun AsRoleIn(string home, string account, string[] args)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        File.WriteAllText(Path.Combine(home, "config"), $"""
            [profile management]
            role_arn = arn:aws:iam::{account}:role/auditor
            credential_source = Environment
            """);
        environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
        using (CliEnvironment.Use(environment, home))
            return CliRunner.Run(args);
    }
}
