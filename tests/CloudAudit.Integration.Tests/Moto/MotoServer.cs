using System.Collections.Concurrent;
using System.Text.Json;
using CloudAudit.Testing;

// The CLI reads credentials and endpoints from the process environment, which the fixture sets: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CloudAudit.Integration.Tests.Moto;

/// <summary>
/// moto for the whole test run, seeded once with one account per scenario (seed_scenarios.py: the monitoring
/// scenarios; seed_catalogue.py: the check catalogue's; seed_organization.py: an account under service control
/// policies; seed_access.py: administrators and lookalikes for `access`; seed_escalation.py: aws-iam-018's path families,
/// a multi-hop chain and a cross-account trust; seed_chains.py: attack chains on linked resources and their decoys;
/// seed_org_members.py, seed_threat.py, seed_chains_reference.py and seed_chains_own.py on first use), and
/// the process environment the CLI needs to reach it
/// (AWS_ENDPOINT_URL and dummy base credentials; each test assumes a role in its scenario's account).
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private static readonly JsonSerializerOptions SeedJson = new() { PropertyNameCaseInsensitive = true };
    private readonly ConcurrentDictionary<string, Lazy<CliRun>> runs = new();
    private MotoProcess? moto;

    public Uri Endpoint => moto?.Endpoint ?? new Uri("http://127.0.0.1:1");

    /// <summary>Scenario name → the 12-digit account moto holds it in.</summary>
    public IReadOnlyDictionary<string, string> Accounts { get; private set; } = new Dictionary<string, string>();

    /// <summary>Catalogue scenario → resource name → the ID moto gave the resource (see seed_catalogue.py).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> ResourceIds { get; private set; } =
        new Dictionary<string, Dictionary<string, string>>();

    public string RoleArn(string scenario) => $"arn:aws:iam::{Accounts[scenario]}:role/auditor";

    /// <summary>
    /// The organization of seed_org_members.py (management account, organization, OU and member account IDs), seeded
    /// the first time a test asks for it: only the organization tests need it.
    /// </summary>
    public OrganizationSeed Organization => organization ??= JsonSerializer.Deserialize<OrganizationSeed>(
        moto!.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_org_members.py")).GetAwaiter().GetResult(), SeedJson)!;

    private OrganizationSeed? organization;

    /// <summary>
    /// The threat feed's accounts of seed_threat.py (threat, threat-quiet) and the IDs moto gave their resources, seeded
    /// the first time a test asks for them: only the threat-feed tests need them.
    /// </summary>
    public ThreatSeed Threat => threat ??= JsonSerializer.Deserialize<ThreatSeed>(
        moto!.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_threat.py")).GetAwaiter().GetResult(), SeedJson)!;

    private ThreatSeed? threat;

    private readonly ConcurrentDictionary<string, Lazy<object>> lazySeeds = new();

    /// <summary>
    /// What a seeding script of Moto/ printed, read as <typeparamref name="T"/>; the script runs the first time a test
    /// asks for it (only the tests of its accounts need them), once per test run.
    /// </summary>
    public T SeedOnce<T>(string script) => (T)lazySeeds.GetOrAdd(script, _ => new Lazy<object>(() => JsonSerializer.Deserialize<T>(
        RunScriptAsync(script).GetAwaiter().GetResult(), SeedJson)!)).Value;

    /// <summary>The run <paramref name="key"/> names, made once per test run: scans that several tests read.</summary>
    public CliRun Once(string key, Func<CliRun> run) => runs.GetOrAdd(key, _ => new Lazy<CliRun>(run)).Value;

    public async Task InitializeAsync()
    {
        if (!MotoProcess.EnsureAvailable())
            return;
        moto = await MotoProcess.StartAsync();
        // One after the other: moto is one Python process, and running the scripts side by side measured no faster.
        var monitoring = await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_scenarios.py"));
        var seeded = JsonSerializer.Deserialize<CatalogueSeed>(
            await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_catalogue.py")), SeedJson)!;
        var organization = await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_organization.py"));
        var access = await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_access.py"));
        var escalation = await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_escalation.py"));
        var chains = await moto.RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", "seed_chains.py"));
        Accounts = JsonSerializer.Deserialize<Dictionary<string, string>>(monitoring)!.Concat(seeded.Accounts)
            .Concat(JsonSerializer.Deserialize<Dictionary<string, string>>(organization)!)
            .Concat(JsonSerializer.Deserialize<Dictionary<string, string>>(access)!)
            .Concat(JsonSerializer.Deserialize<Dictionary<string, string>>(escalation)!)
            .Concat(JsonSerializer.Deserialize<Dictionary<string, string>>(chains)!).ToDictionary();
        ResourceIds = seeded.Ids;
        UseMotoEnvironment();
    }

    public sealed record OrganizationSeed(string Management, string Organization, Dictionary<string, string> Accounts, Dictionary<string, string> Ous);

    public sealed record ThreatSeed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids)
    {
        public string RoleArn(string scenario) => $"arn:aws:iam::{Accounts[scenario]}:role/auditor";
    }

    private sealed record CatalogueSeed(Dictionary<string, string> Accounts, Dictionary<string, Dictionary<string, string>> Ids);

    /// <summary>Runs a script of Moto/ against the server, with arguments after the endpoint; returns what it printed.</summary>
    public Task<string> RunScriptAsync(string script, params string[] arguments) =>
        (moto ?? throw new InvalidOperationException("moto is not running")).RunScriptAsync(Path.Combine(AppContext.BaseDirectory, "Moto", script), arguments);

    public async Task DisposeAsync()
    {
        if (moto is not null)
            await moto.DisposeAsync();
    }

    private void UseMotoEnvironment()
    {
        foreach (var name in Environment.GetEnvironmentVariables().Keys.OfType<string>()
                     .Where(n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith("CLOUD_AUDIT_", StringComparison.Ordinal)))
            Environment.SetEnvironmentVariable(name, null);
        // Scans record themselves in the history: in a test run, in a temporary one, never the user's.
        Environment.SetEnvironmentVariable("CLOUD_AUDIT_HISTORY", Path.Combine(Directory.CreateTempSubdirectory("cloud-audit-moto-history-").FullName, "history.db"));
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", Endpoint.ToString().TrimEnd('/'));
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "testing");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "testing");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        // No shared config or credentials file of the machine's user may leak into the tests.
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(AppContext.BaseDirectory, "no-aws-config"));
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(AppContext.BaseDirectory, "no-aws-credentials"));
    }
}

[CollectionDefinition(nameof(MotoCollection))]
public sealed class MotoCollection : ICollectionFixture<MotoServer>;

/// <summary>A fact that needs python3 with moto and boto3; skipped, loudly and naming what is missing, where they are not.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute() => Skip = MotoProcess.SkipReason;
}

/// <summary>A theory that needs moto; see <see cref="MotoFactAttribute"/>.</summary>
public sealed class MotoTheoryAttribute : TheoryAttribute
{
    public MotoTheoryAttribute() => Skip = MotoProcess.SkipReason;
}
