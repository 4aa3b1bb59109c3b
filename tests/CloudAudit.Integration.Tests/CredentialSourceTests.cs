using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using CloudAudit.Cli.Configuration;
using CloudAudit.Integration.Tests.Moto;
using static CloudAudit.Integration.Tests.Scenarios;

namespace CloudAudit.Integration.Tests;

/// <summary>
/// Whole scans whose credentials come from each kind of source, with moto's STS issuing them: a source_profile chain,
/// web identity, credential_process under --role-arn, and assumed-role credentials that expire in the middle of the scan.
/// Each scan must reach the scenario's account and give the monitored account's verdicts.
/// </summary>
[Collection(nameof(MotoCollection))]
public sealed partial class CredentialSourceTests(MotoServer moto) : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("cloud-audit-credential-sources").FullName;

    public void Dispose() => Directory.Delete(home, recursive: true);

    /// <summary>The fixture's process environment (moto's endpoint) with the test's changes, and this test's own shared files.</summary>
    private CliRun Scan(Dictionary<string, string?> changes, string config, params string[] args)
    {
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        File.WriteAllText(Path.Combine(home, "config"), config);
        environment["AWS_CONFIG_FILE"] = Path.Combine(home, "config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "credentials");
        foreach (var (name, value) in changes)
            if (value is null) environment.Remove(name);
            else environment[name] = value;
        using (CliEnvironment.Use(environment, home))
            return CliRunner.Run(["scan", "--regions", Regions, "--format", "json", "--checks", string.Join(",", MonitoringFamily), .. args]);
    }

    private void AssertScannedMonitored(CliRun run)
    {
        Assert.True(run.ExitCode is 0 or 1, run.Stderr);
        Assert.Equal(moto.Accounts["monitored"], run.Report.GetProperty("account_id").GetString());
        AssertFamily(run, new Dictionary<string, string>());
    }

    private static readonly Dictionary<string, string?> WithoutKeys = new() { ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null };

    [MotoFact]
    public void A_source_profile_chain_reaches_the_scenario_account()
    {
        File.WriteAllText(Path.Combine(home, "credentials"), "[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n");

        var run = Scan(WithoutKeys, $"""
            [profile hop]
            role_arn = arn:aws:iam::{moto.Accounts["monitored"]}:role/seeder
            source_profile = base
            [profile audit]
            role_arn = {moto.RoleArn("monitored")}
            source_profile = hop
            """, "--profile", "audit");

        AssertScannedMonitored(run);
    }

    [MotoFact]
    public void Web_identity_from_the_environment_reaches_the_scenario_account()
    {
        File.WriteAllText(Path.Combine(home, "token"), "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmNvcnAvYXBwIn0.c2ln");

        var run = Scan(new(WithoutKeys)
        {
            ["AWS_WEB_IDENTITY_TOKEN_FILE"] = Path.Combine(home, "token"),
            ["AWS_ROLE_ARN"] = moto.RoleArn("monitored"),
        }, "");

        AssertScannedMonitored(run);
    }

    [MotoFact]
    public void Credential_process_then_role_arn_reaches_the_scenario_account()
    {
        var script = Path.Combine(home, "creds.sh");
        File.WriteAllText(script, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"testing\", \"SecretAccessKey\": \"testing\"}'\n");

        var run = Scan(WithoutKeys, $"[default]\ncredential_process = /bin/sh {script}\n", "--role-arn", moto.RoleArn("monitored"));

        AssertScannedMonitored(run);
    }

    [MotoFact]
    public void Assumed_role_credentials_expiring_during_the_scan_are_renewed()
    {
        using var proxy = new FaultProxy(moto.Endpoint);
        // The first session STS hands out expires in five minutes, inside the renewal margin: the request after the first
        // must renew it; moto's later sessions last hours.
        var sessions = 0;
        proxy.Rewrite(r => r is { Service: "sts", Operation: "AssumeRole" }, body => Interlocked.Increment(ref sessions) > 1 ? body
            : Expiration().Replace(body, $"<Expiration>{DateTime.UtcNow.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</Expiration>"));

        var run = moto.Scan("monitored", "--endpoint-url", proxy.Endpoint.ToString());

        AssertScannedMonitored(run);
        var requests = proxy.Requests.ToList();
        Assert.Equal(2, requests.Count(r => r.Operation == "AssumeRole"));
        // Renewed after the account was identified, in the middle of the scan's requests.
        var renewal = requests.FindLastIndex(r => r.Operation == "AssumeRole");
        Assert.InRange(renewal, 2, requests.Count - 10);
    }

    [GeneratedRegex("<Expiration>[^<]*</Expiration>")]
    private static partial Regex Expiration();
}
