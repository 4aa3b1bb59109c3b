using System.Text.Json;
using System.Text.Json.Nodes;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// <c>access admins</c>, <c>who-can</c> and <c>can-i</c> over a saved inventory: administrators by every route and
/// principals that only look like one, bucket policies, outside parties, bad input and unread data.
/// </summary>
public sealed class AccessCommandTests : IDisposable
{
    const string Id = "111122223333";
    const string Admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    const string Bucket = "reports-111122223333";
    readonly string dir = Directory.CreateTempSubdirectory("access-command-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static string Statements(params string[] statements) => $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
    static string Allow(string action, string resource = "*", string? condition = null) =>
        Statements($$"""{"Effect":"Allow","Action":"{{action}}","Resource":"{{resource}}"{{(condition is null ? "" : $",\"Condition\":{condition}")}}}""");
    static string Arn(string kind, string name) => $"arn:aws:iam::{Id}:{kind}/{name}";

    /// <summary>Administrators by every route, and principals that only look like one.</summary>
    static IamAuthorizationBuilder People() => new IamAuthorizationBuilder(Id)
        .ManagedPolicy("everything", Allow("*"))
        .ManagedPolicy("all-but-iam", Statements("""{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}"""))
        .ManagedPolicy("only-ec2", Allow("ec2:*"))
        .Group("platform", managed: [Arn("policy", "everything")])
        .User("managed-admin", managed: [Admin])
        .User("group-admin", groups: ["platform"])
        .Role("inline-admin", Trust.Account(Id), inline: [("all", Allow("*"))])
        .Role("split-admin", Trust.Account(Id), managed: [Arn("policy", "all-but-iam")], inline: [("iam", Allow("iam:*"))])
        .Role("denied-admin", Trust.Account(Id), managed: [Admin], inline: [("deny", Statements("""{"Effect":"Deny","Action":"*","Resource":"*"}"""))])
        .Role("notaction-denied", Trust.Account(Id), managed: [Admin],
            inline: [("deny", Statements("""{"Effect":"Deny","NotAction":"s3:*","Resource":"*"}"""))])
        .Role("ec2-bounded", Trust.Account(Id), managed: [Admin], boundary: Arn("policy", "only-ec2"))
        .Role("split-bounded", Trust.Account(Id), managed: [Arn("policy", "all-but-iam")], inline: [("iam", Allow("iam:*"))],
            boundary: Arn("policy", "all-but-iam"))
        .Role("mfa-admin", Trust.Account(Id), inline: [("mfa", Allow("*", condition: """{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"""))])
        .User("analyst", inline: [("read", Allow("s3:GetObject", $"arn:aws:s3:::{Bucket}/*"))])
        .User("intern", inline: [("list", Allow("s3:ListAllMyBuckets"))]);

    string Snapshot(IamAuthorizationBuilder? iam = null, Action<DemoRecorder>? more = null, bool denied = false)
    {
        var account = new AccountInventory { AccountId = Id, Regions = ["us-east-1"] };
        var record = new DemoRecorder(account);
        if (denied)
            record.Failure(IamAuthorizationCalls.GetAccountAuthorizationDetails, AwsIds.GlobalRegion, null, ErrorKind.AccessDenied, "AccessDenied",
                "User is not authorized to perform: iam:GetAccountAuthorizationDetails", 403);
        else
            record.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, (iam ?? People()).Build());
        record.Global(ResourcePolicyCalls.ListBuckets, new JsonObject
        {
            ["Buckets"] = new JsonArray(new JsonObject { ["Name"] = Bucket, ["BucketRegion"] = "us-east-1" }),
        }.ToJsonString());
        record.Target(ResourcePolicyCalls.GetBucketPolicy, AwsIds.GlobalRegion, DemoRecorder.Params(("Bucket", Bucket)),
            new JsonObject
            {
                ["Policy"] = Statements(
                    $$"""{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::{{Bucket}}/*"}""",
                    $$"""{"Sid":"NoDeletes","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::{{Bucket}}/*"}"""),
            }.ToJsonString());
        more?.Invoke(record);
        var path = Path.Combine(dir, $"inventory-{Guid.NewGuid():N}.json");
        using (var stream = File.Create(path))
            SnapshotFile.Write(new InventorySnapshot { CollectedAt = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), Accounts = [account] }, stream, gzip: false);
        return path;
    }

    [Fact]
    public void Admins_lists_exactly_the_principals_that_are_administrators_by_every_route()
    {
        var run = CliRunner.Run("access", "admins", "--snapshot", Snapshot(), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(Id, json.RootElement.GetProperty("account_id").GetString());
        var admins = json.RootElement.GetProperty("admins").EnumerateArray()
            .Select(a => (a.GetProperty("principal").GetString(), a.GetProperty("type").GetString())).ToHashSet();
        Assert.Equal(new HashSet<(string?, string?)>
        {
            (Arn("user", "managed-admin"), "user"), (Arn("user", "group-admin"), "user"), (Arn("group", "platform"), "group"),
            (Arn("role", "inline-admin"), "role"), (Arn("role", "split-admin"), "role"),
        }, admins);
        var conditional = Assert.Single(json.RootElement.GetProperty("conditional_admins").EnumerateArray());
        Assert.Equal(Arn("role", "mfa-admin"), conditional.GetProperty("principal").GetString());
        var split = json.RootElement.GetProperty("admins").EnumerateArray().Single(a => a.GetProperty("principal").GetString() == Arn("role", "split-admin"));
        Assert.Contains("2 policies that add up to everything", split.GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public void Admins_table_names_each_administrator_and_why()
    {
        var run = CliRunner.Run("access", "admins", "--snapshot", Snapshot());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Administrators of account 111122223333: 5", run.Stdout);
        Assert.Contains("AWS managed policy AdministratorAccess", run.Stdout);
        Assert.Contains("through group platform", run.Stdout);
        Assert.DoesNotContain("denied-admin", run.Stdout);
        Assert.DoesNotContain("ec2-bounded", run.Stdout);
    }

    [Fact]
    public void Admins_exits_0_when_nobody_is_an_administrator()
    {
        var iam = new IamAuthorizationBuilder(Id).User("intern", inline: [("list", Allow("s3:ListAllMyBuckets"))]);
        var run = CliRunner.Run("access", "admins", "--snapshot", Snapshot(iam), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("admins").GetArrayLength());
    }

    [Fact]
    public void A_denied_read_of_the_authorization_details_is_not_assessed_never_nobody()
    {
        var path = Snapshot(denied: true);
        var admins = CliRunner.Run("access", "admins", "--snapshot", path, "--format", "json");
        Assert.Equal(1, admins.ExitCode);
        using var json = JsonDocument.Parse(admins.Stdout);
        Assert.Contains("access denied", json.RootElement.GetProperty("not_assessed").GetString());
        Assert.False(json.RootElement.TryGetProperty("admins", out _));
        var who = CliRunner.Run("access", "who-can", "s3:GetObject", "--snapshot", path);
        Assert.Equal(1, who.ExitCode);
        Assert.StartsWith("NOT ASSESSED for account 111122223333: access denied", who.Stdout);
    }

    [Fact]
    public void Who_can_lists_principals_and_the_outside_party_the_bucket_policy_admits()
    {
        var run = CliRunner.Run("access", "who-can", "s3:GetObject", $"arn:aws:s3:::{Bucket}/q1.csv", "--snapshot", Snapshot(), "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("s3:GetObject", json.RootElement.GetProperty("action").GetString());
        var parties = json.RootElement.GetProperty("principals").EnumerateArray().ToDictionary(p => p.GetProperty("principal").GetString()!);
        Assert.Contains(Arn("user", "analyst"), parties.Keys);
        Assert.Contains(Arn("user", "managed-admin"), parties.Keys);
        Assert.DoesNotContain(Arn("user", "intern"), parties.Keys);
        Assert.DoesNotContain(Arn("role", "denied-admin"), parties.Keys);
        Assert.DoesNotContain(Arn("role", "ec2-bounded"), parties.Keys);
        var partner = parties.Values.Single(p => p.GetProperty("type").GetString() == "external");
        Assert.Contains("444455556666", partner.GetProperty("principal").GetString());
        Assert.Equal("Partner", partner.GetProperty("via")[0].GetProperty("sid").GetString());
        var analyst = parties[Arn("user", "analyst")].GetProperty("via")[0];
        Assert.Equal("identity", analyst.GetProperty("policy_kind").GetString());
    }

    [Fact]
    public void Who_can_exits_0_when_nobody_may()
    {
        var run = CliRunner.Run("access", "who-can", "s3:DeleteObject", $"arn:aws:s3:::{Bucket}/q1.csv", "--snapshot", Snapshot());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Allowed s3:DeleteObject on arn:aws:s3:::reports-111122223333/q1.csv: 0", run.Stdout);
    }

    [Fact]
    public void Can_i_allows_with_the_deciding_statement_and_exits_0()
    {
        var run = CliRunner.Run("access", "can-i", Arn("user", "analyst"), "s3:getobject", $"arn:aws:s3:::{Bucket}/q1.csv", "--snapshot", Snapshot(), "--format", "json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("allowed", json.RootElement.GetProperty("decision").GetString());
        Assert.Equal("s3:GetObject", json.RootElement.GetProperty("action").GetString());
        Assert.Equal($"arn:aws:s3:::{Bucket}", json.RootElement.GetProperty("resource_policy").GetString());
        Assert.Equal("inline policy read of user analyst", json.RootElement.GetProperty("statements")[0].GetProperty("policy").GetString());
    }

    [Fact]
    public void Can_i_names_the_bucket_policy_deny_that_stops_an_administrator()
    {
        var run = CliRunner.Run("access", "can-i", Arn("user", "managed-admin"), "s3:DeleteObject", $"arn:aws:s3:::{Bucket}/q1.csv", "--snapshot", Snapshot());
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(": explicit deny", run.Stdout);
        Assert.Contains("(NoDeletes)", run.Stdout);
    }

    [Fact]
    public void Can_i_takes_request_context_and_an_assumed_role_session()
    {
        var path = Snapshot();
        var session = $"arn:aws:sts::{Id}:assumed-role/mfa-admin/alice";
        Assert.Equal(1, CliRunner.Run("access", "can-i", session, "iam:CreateUser", "--snapshot", path).ExitCode);
        var run = CliRunner.Run("access", "can-i", session, "iam:CreateUser", "--snapshot", path, "--context", "aws:MultiFactorAuthPresent=true");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"{Arn("role", "mfa-admin")} iam:CreateUser on *: allowed", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "can-i", "arn:aws:iam::111122223333:user/analist", "s3:GetObject" }, "unknown principal 'arn:aws:iam::111122223333:user/analist' in account 111122223333 (closest: arn:aws:iam::111122223333:user/analyst")]
    [InlineData(new[] { "can-i", "analyst", "s3:GetObject" }, "invalid principal ARN 'analyst'")]
    [InlineData(new[] { "can-i", "arn:aws:iam::111122223333:user/analyst", "s3:GetObjekt" }, "unknown action 's3:GetObjekt' (closest: s3:GetObject")]
    [InlineData(new[] { "who-can", "s4:GetObject" }, "unknown action 's4:GetObject': no service 's4' (closest: s3")]
    [InlineData(new[] { "who-can", "s3:Get*" }, "'s3:Get*' is a pattern")]
    [InlineData(new[] { "who-can", "s3:GetObject", "reports/q1.csv" }, "invalid resource ARN 'reports/q1.csv'")]
    [InlineData(new[] { "can-i", "arn:aws:iam::111122223333:user/analyst", "s3:GetObject", "--context", "aws:MultiFactorAuthPresent=maybe" }, "--context aws:MultiFactorAuthPresent: 'maybe' is not")]
    [InlineData(new[] { "can-i", "arn:aws:iam::111122223333:user/analyst", "s3:GetObject", "--context", "aws:MultiFactorAuthPresnt=true" }, "--context unknown global condition key 'aws:MultiFactorAuthPresnt' (closest: aws:MultiFactorAuthPresent")]
    [InlineData(new[] { "admins", "--format", "yaml" }, "unknown format 'yaml'")]
    [InlineData(new[] { "admins", "--account", "444455556666" }, "the inventory holds no account 444455556666 (it has 111122223333)")]
    [InlineData(new[] { "admins", "--verify" }, "--verify asks AWS's evaluator about the live account: it cannot be used with --snapshot")]
    public void Bad_input_is_one_line_and_exit_2(string[] args, string message)
    {
        var run = CliRunner.Run(["access", .. args, "--snapshot", Snapshot()]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.StartsWith($"error: {message}", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd().Split('\n'));
    }

    [Fact]
    public void A_missing_snapshot_is_exit_2()
    {
        var run = CliRunner.Run("access", "admins", "--snapshot", Path.Combine(dir, "nope.json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not found", run.Stderr);
    }
}
