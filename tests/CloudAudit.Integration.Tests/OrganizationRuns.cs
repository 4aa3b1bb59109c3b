using System.Collections;
using System.Text.Json.Nodes;
using CloudAudit.Cli.Configuration;
using CloudAudit.Integration.Tests.Moto;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Command lines run against moto's organization (seed_org_members.py) with a profile whose role is in a chosen
/// account, and what the organization tests read from their JSON reports.
/// </summary>
public sealed class OrganizationRuns(MotoServer moto, string home)
{
    public const string Checks = "aws-iam-006,aws-iam-018";

    public MotoServer.OrganizationSeed Org => moto.Organization;

    public string Account(string name) => Org.Accounts[name];

    /// <summary>The command line run as the management account: a profile whose role is in it, from the fixture's keys.</summary>
    public CliRun AsManagement(params string[] args) => AsRoleIn(Org.Management, args);

    /// <summary>The command line run with a profile named management whose role is <c>auditor</c> in <paramref name="account"/>.</summary>
    public CliRun AsRoleIn(string account, string[] args)
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

    public CliRun ScanOrganization(params string[] extra) =>
        AsManagement(["scan", "--profile", "management", "--organization", "--regions", "us-east-1", "--checks", Checks, "--format", "json", .. extra]);

    /// <summary>The unsharded scan of the whole organization, run once for every test that compares with it.</summary>
    public CliRun Whole => moto.Once("organization-scan", () => ScanOrganization());

    public static Dictionary<(string Account, string Check), List<string>> Failing(CliRun run) =>
        run.Report.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("account_id").GetString()!, r.GetProperty("check_id").GetString()!),
            r => r.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("resource_id").GetString()!).Order(StringComparer.Ordinal).ToList());

    public static Dictionary<string, JsonObject> Details(CliRun run) =>
        JsonNode.Parse(run.Stdout)!["account_details"]!.AsArray().Select(d => d!.AsObject()).ToDictionary(d => (string)d["account_id"]!);
}
