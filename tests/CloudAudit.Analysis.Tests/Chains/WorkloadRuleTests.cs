using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

/// <summary>
/// Rules about one workload or data store and what its role reaches, each both ways: the parts must be the same
/// resource or linked by an edge (the exposed workload runs as the role that reads the data); the same parts on
/// unlinked resources make no chain.
/// </summary>
public sealed class WorkloadRuleTests
{
    /// <summary>An exposed function (URL without auth) running as role <c>api</c>, or, with <paramref name="exposed"/> false, an internal one.</summary>
    private static (TestGraph G, string Workload, string Role) Api(bool exposed = true)
    {
        var g = new TestGraph().Base();
        var fn = g.Function("api");
        if (exposed) g.Exposed(fn);
        var role = g.Role("api");
        g.RunsAs(fn, role);
        return (g, fn, role);
    }

    private static string Key(TestGraph g) => g.Node(g.Arn("kms", "key/1234abcd"), NodeType.KmsKey, "key 1234abcd");

    private static string Bucket(TestGraph g, string name = "orders-data") => g.Node($"arn:aws:s3:::{name}", NodeType.S3Bucket, $"bucket {name}", "global");

    [Fact]
    public void AC_17_fires_for_the_public_unencrypted_database_in_an_account_without_full_trail()
    {
        var g = new TestGraph().Base();
        var db = g.Node(g.Arn("rds", "db:orders"), NodeType.RdsInstance, "orders",
            findings: [F("aws-rds-001", "orders", Severity.Critical), F("aws-rds-002", "orders")]);
        g.AddFinding(g.AccountNode, F("aws-ct-001", Account, Severity.High, "global"));
        Assert.Equal(db, Assert.Single(g.Chains(), c => c.ChainId == "AC-17").Anchor);
        Assert.DoesNotContain(g.Chains("aws-rds-001"), c => c.ChainId == "AC-17");
    }

    [Fact]
    public void AC_17_does_not_fire_when_the_public_database_and_the_unencrypted_one_differ()
    {
        var g = new TestGraph().Base();
        g.Node(g.Arn("rds", "db:orders"), NodeType.RdsInstance, "orders", findings: [F("aws-rds-001", "orders", Severity.Critical)]);
        g.Node(g.Arn("rds", "db:archive"), NodeType.RdsInstance, "archive", findings: [F("aws-rds-002", "archive")]);
        g.AddFinding(g.AccountNode, F("aws-ct-001", Account, Severity.High, "global"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-17");
    }

    [Fact]
    public void AC_20_fires_when_the_exec_service_runs_the_task_definition_that_logs_nothing()
    {
        var g = new TestGraph().Base();
        var service = g.Node(g.Arn("ecs", "service/c/api"), NodeType.EcsService, "api", findings: [F("aws-ecs-003", "api")]);
        var task = g.Node(g.Arn("ecs", "task-definition/api:3"), NodeType.EcsTaskDefinition, "api:3", findings: [F("aws-ecs-002", "api:3", Severity.Medium)]);
        g.Edge(service, task, EdgeType.RunsTask);
        var chain = Assert.Single(g.Chains(), c => c.ChainId == "AC-20");
        Assert.Equal([service, task], chain.Resources);
    }

    [Fact]
    public void AC_20_does_not_fire_when_the_log_less_task_definition_is_run_by_another_service()
    {
        var g = new TestGraph().Base();
        var service = g.Node(g.Arn("ecs", "service/c/api"), NodeType.EcsService, "api", findings: [F("aws-ecs-003", "api")]);
        g.Edge(service, g.Node(g.Arn("ecs", "task-definition/api:3"), NodeType.EcsTaskDefinition, "api:3"), EdgeType.RunsTask);
        var batch = g.Node(g.Arn("ecs", "service/c/batch"), NodeType.EcsService, "batch");
        g.Edge(batch, g.Node(g.Arn("ecs", "task-definition/batch:1"), NodeType.EcsTaskDefinition, "batch:1",
            findings: [F("aws-ecs-002", "batch:1", Severity.Medium)]), EdgeType.RunsTask);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-20");
    }

    [Fact]
    public void AC_37_fires_for_the_notebook_with_both_root_and_direct_internet()
    {
        var g = new TestGraph().Base();
        var nb = g.Node(g.Arn("sagemaker", "notebook-instance/lab"), NodeType.SageMakerNotebook, "lab",
            findings: [F("aws-sagemaker-001", "lab"), F("aws-sagemaker-002", "lab")]);
        var role = g.Role("lab");
        g.RunsAs(nb, role);
        Assert.Equal([nb, role], Assert.Single(g.Chains(), c => c.ChainId == "AC-37").Resources);
    }

    [Fact]
    public void AC_37_does_not_fire_when_root_and_internet_access_are_on_different_notebooks()
    {
        var g = new TestGraph().Base();
        g.Node(g.Arn("sagemaker", "notebook-instance/lab"), NodeType.SageMakerNotebook, "lab", findings: [F("aws-sagemaker-001", "lab")]);
        g.Node(g.Arn("sagemaker", "notebook-instance/demo"), NodeType.SageMakerNotebook, "demo", findings: [F("aws-sagemaker-002", "demo")]);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-37");
    }

    [Fact]
    public void CA_03_fires_when_the_exposed_workloads_role_can_decrypt_with_a_key()
    {
        var (g, fn, role) = Api();
        var key = Key(g);
        g.Edge(role, key, EdgeType.CanDecrypt, Evidence.Grant("kms:GetKeyPolicy", "key policy and role allow kms:Decrypt"));
        Assert.Equal([fn, role, key], Assert.Single(g.Chains(), c => c.ChainId == "CA-03").Resources);
    }

    [Fact]
    public void CA_03_does_not_fire_when_the_decrypting_role_belongs_to_an_internal_workload()
    {
        var (g, _, role) = Api(exposed: false);
        g.Edge(role, Key(g), EdgeType.CanDecrypt);
        var exposed = g.Function("web");
        g.Exposed(exposed);
        g.RunsAs(exposed, g.Role("web"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-03");
    }

    [Fact]
    public void CA_04_fires_when_the_exposed_workloads_role_reads_a_bucket()
    {
        var (g, fn, role) = Api();
        var bucket = Bucket(g);
        g.Edge(role, bucket, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject on arn:aws:s3:::orders-data/*"));
        Assert.Equal([fn, role, bucket], Assert.Single(g.Chains(), c => c.ChainId == "CA-04").Resources);
    }

    [Fact]
    public void CA_04_does_not_fire_when_the_reading_role_belongs_to_an_internal_workload()
    {
        var (g, _, role) = Api(exposed: false);
        g.Edge(role, Bucket(g), EdgeType.CanRead);
        var exposed = g.Function("web");
        g.Exposed(exposed);
        g.RunsAs(exposed, g.Role("web"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-04");
    }

    [Fact]
    public void CA_04_does_not_fire_when_the_only_bucket_the_role_reads_is_one_anyone_reads()
    {
        // A public bucket's objects are no prize for whoever takes the workload: the internet has them already.
        var (g, fn, role) = Api();
        var site = Bucket(g, "site");
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        g.Edge(anyone, site, EdgeType.CanRead, Evidence.Grant("s3:GetBucketPolicy", "the bucket policy lets anyone read every object of bucket site"));
        g.Edge(role, site, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject on arn:aws:s3:::site/*"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-04");

        var orders = Bucket(g);
        g.Edge(role, orders, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject on arn:aws:s3:::orders-data/*"));
        Assert.Equal([fn, role, orders], Assert.Single(g.Chains(), c => c.ChainId == "CA-04").Resources);
    }

    [Fact]
    public void CA_05_fires_when_the_exposed_workloads_role_may_assume_an_administrator_role()
    {
        var (g, fn, role) = Api();
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(role, admin, EdgeType.CanAssume, Evidence.Grant("iam", "identity and trust policies allow sts:AssumeRole"));
        Assert.Equal([fn, role, admin], Assert.Single(g.Chains(), c => c.ChainId == "CA-05").Resources);
    }

    [Fact]
    public void CA_05_does_not_fire_when_the_assumable_role_is_not_an_administrator()
    {
        var (g, _, role) = Api();
        g.Edge(role, g.Role("reporting"), EdgeType.CanAssume);
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(g.Role("ci"), admin, EdgeType.CanAssume);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-05");
    }

    [Fact]
    public void CA_05_does_not_fire_when_the_administrator_role_admits_the_workloads_role_only_with_mfa()
    {
        // A workload's role session comes from the service (instance profile, execution role): it never carries MFA.
        var (g, fn, role) = Api();
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(role, admin, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
            "role api may call sts:AssumeRole on role ops-admin and its trust policy lets it when Bool aws:MultiFactorAuthPresent [true]"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-05");

        var vpcOnly = g.Role("vpc-admin");
        g.Admin(vpcOnly);
        g.Edge(role, vpcOnly, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
            "role api may call sts:AssumeRole on role vpc-admin and its trust policy lets it when StringEquals aws:SourceVpc [vpc-0a1b2c3d]"));
        Assert.Equal([fn, role, vpcOnly], Assert.Single(g.Chains(), c => c.ChainId == "CA-05").Resources);
    }

    [Theory]
    [InlineData("Null aws:MultiFactorAuthAge [true]")]
    [InlineData("NumericLessThanIfExists aws:MultiFactorAuthAge [3600]")]
    public void CA_05_fires_when_the_trusts_mfa_condition_admits_a_session_without_mfa(string condition)
    {
        // The key is absent from a session without MFA: Null [true] holds only then, an IfExists operator holds then too.
        var (g, fn, role) = Api();
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(role, admin, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
            $"role api may call sts:AssumeRole on role ops-admin and its trust policy lets it when {condition}"));
        Assert.Equal([fn, role, admin], Assert.Single(g.Chains(), c => c.ChainId == "CA-05").Resources);
    }

    [Theory]
    [InlineData("NumericLessThan aws:MultiFactorAuthAge [3600]")]
    [InlineData("Null aws:MultiFactorAuthAge [false]")]
    [InlineData("BoolIfExists aws:MultiFactorAuthPresent [true]")]
    public void CA_05_does_not_fire_when_the_trusts_mfa_condition_needs_mfa(string condition)
    {
        var (g, _, role) = Api();
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(role, admin, EdgeType.CanAssume, Evidence.Grant("iam:GetAccountAuthorizationDetails",
            $"role api may call sts:AssumeRole on role ops-admin and its trust policy lets it when StringEquals aws:RequestedRegion [us-east-1] and {condition}"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-05");
    }

    [Fact]
    public void CA_06_fires_when_the_exposed_workloads_role_can_run_code_on_an_administrator_workload()
    {
        var (g, fn, role) = Api();
        var box = g.Instance("i-ops");
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.RunsAs(box, admin);
        g.Edge(role, box, EdgeType.CanControl, Evidence.Grant("iam", "allowed ssm:SendCommand"));
        Assert.Equal([fn, role, box, admin], Assert.Single(g.Chains(), c => c.ChainId == "CA-06").Resources);
    }

    [Fact]
    public void CA_06_does_not_fire_when_the_controlled_workload_runs_as_an_ordinary_role()
    {
        var (g, _, role) = Api();
        var box = g.Instance("i-batch");
        g.RunsAs(box, g.Role("batch"));
        g.Edge(role, box, EdgeType.CanControl);
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.RunsAs(g.Instance("i-ops"), admin);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-06");
    }
}
