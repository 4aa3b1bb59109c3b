using CloudAudit.Analysis.Graph;
using CloudAudit.Analysis.Tests.Support;
using CloudAudit.Checks.Framework;
using static CloudAudit.Analysis.Tests.Chains.AccountRuleTests;
using static CloudAudit.Analysis.Tests.Support.TestGraph;

namespace CloudAudit.Analysis.Tests.Chains;

/// <summary>
/// Rules about principals, each both ways: the open CI role, the MFA-less user or the role anyone can assume must be
/// the very principal that holds the power; the same findings on another principal make no chain.
/// </summary>
public sealed class IdentityRuleTests
{
    private static FindingRef NoMfa(string user) => F("aws-iam-002", $"arn:aws:iam::{Account}:user/{user}", Severity.High, "global");

    private static FindingRef Path(string principal, string path) => F("aws-iam-018", $"{principal}#{path}", Severity.Critical, "global");

    [Fact]
    public void AC_07_does_not_fire_when_the_open_ci_role_is_not_the_administrator()
    {
        var g = new TestGraph().Base();
        OpenCiRole(g, "deploy");
        g.Admin(g.Role("ops-admin"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-07");
    }

    [Fact]
    public void AC_23_fires_when_the_open_ci_role_itself_reads_a_bucket()
    {
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        var bucket = g.Node("arn:aws:s3:::releases", NodeType.S3Bucket, "bucket releases", "global");
        g.Edge(role, bucket, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject"));
        Assert.Equal([role, bucket], Assert.Single(g.Chains(), c => c.ChainId == "AC-23").Resources);
        Assert.DoesNotContain(g.Chains("aws-iam-007"), c => c.ChainId == "AC-23");
    }

    [Fact]
    public void AC_23_does_not_fire_when_the_bucket_reader_is_another_role()
    {
        var g = new TestGraph().Base();
        OpenCiRole(g, "deploy");
        g.Edge(g.Role("reports"), g.Node("arn:aws:s3:::releases", NodeType.S3Bucket, "bucket releases", "global"), EdgeType.CanRead);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-23");
    }

    [Fact]
    public void AC_23_does_not_fire_when_the_only_bucket_the_open_ci_role_reads_is_one_anyone_reads()
    {
        // Objects the bucket policy already gives to the internet are nothing a stranger's workflow gains.
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        var site = g.Node("arn:aws:s3:::site", NodeType.S3Bucket, "bucket site", "global");
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        g.Edge(anyone, site, EdgeType.CanRead, Evidence.Grant("s3:GetBucketPolicy", "the bucket policy lets anyone read every object of bucket site"));
        g.Edge(role, site, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject on arn:aws:s3:::site/*"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-23");

        // A private bucket beside it is a prize: the chain runs to that one, not the public one.
        var releases = g.Node("arn:aws:s3:::releases", NodeType.S3Bucket, "bucket releases", "global");
        g.Edge(role, releases, EdgeType.CanRead, Evidence.Grant("iam", "allowed s3:GetObject on arn:aws:s3:::releases/*"));
        Assert.Equal([role, releases], Assert.Single(g.Chains(), c => c.ChainId == "AC-23").Resources);
    }

    [Fact]
    public void AC_24_fires_when_the_open_ci_role_can_run_code_on_a_workload()
    {
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        var fn = g.Function("billing");
        g.Edge(role, fn, EdgeType.CanControl, Evidence.Grant("iam", "allowed lambda:UpdateFunctionCode"));
        Assert.Equal([role, fn], Assert.Single(g.Chains(), c => c.ChainId == "AC-24").Resources);
    }

    [Fact]
    public void AC_24_does_not_fire_when_the_code_runner_is_a_role_outsiders_cannot_assume()
    {
        var g = new TestGraph().Base();
        OpenCiRole(g, "deploy");
        g.Edge(g.Role("ops"), g.Function("billing"), EdgeType.CanControl);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-24");
    }

    [Fact]
    public void AC_26_does_not_fire_when_the_mfa_less_user_is_not_the_administrator()
    {
        var g = new TestGraph().Base();
        g.User("bob", NoMfa("bob"));
        g.Admin(g.User("carol"));
        g.AddFinding(g.AccountNode, F("aws-cw-001", Account, Severity.High, "global"));
        var chains = g.Chains();
        Assert.DoesNotContain(chains, c => c.ChainId is "AC-26" or "AC-12");
    }

    [Fact]
    public void AC_35_does_not_fire_for_a_passrole_path_nor_for_a_path_short_of_administrator()
    {
        var g = new TestGraph().Base();
        var dev = $"arn:aws:iam::{Account}:user/dev";
        g.User("dev", Path(dev, "lambda-001"));
        g.User("weak", F("aws-iam-018", $"arn:aws:iam::{Account}:user/weak#iam-005", Severity.High, "global"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-35");
    }

    [Fact]
    public void AC_36_does_not_fire_when_the_escalating_role_is_not_the_open_ci_role()
    {
        var g = new TestGraph().Base();
        OpenCiRole(g, "deploy");
        var ops = $"arn:aws:iam::{Account}:role/ops";
        g.Role("ops", Path(ops, "iam-005"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "AC-36");
    }

    [Fact]
    public void CA_07_fires_when_an_open_ci_role_can_write_the_bucket_anyone_reads()
    {
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        var bucket = g.Node("arn:aws:s3:::downloads", NodeType.S3Bucket, "bucket downloads", "global");
        g.Edge(anyone, bucket, EdgeType.CanRead, Evidence.Grant("s3:GetBucketPolicy", "bucket policy allows s3:GetObject to *"));
        g.Edge(role, bucket, EdgeType.CanWrite, Evidence.Grant("iam", "allowed s3:PutObject"));
        Assert.Equal([role, bucket], Assert.Single(g.Chains(), c => c.ChainId == "CA-07").Resources);
        Assert.DoesNotContain(g.Chains("aws-iam-007"), c => c.ChainId == "CA-07");
    }

    [Fact]
    public void CA_07_does_not_fire_when_the_open_ci_role_writes_a_private_bucket_and_another_role_the_public_one()
    {
        var g = new TestGraph().Base();
        var role = OpenCiRole(g, "deploy");
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        var downloads = g.Node("arn:aws:s3:::downloads", NodeType.S3Bucket, "bucket downloads", "global");
        g.Edge(anyone, downloads, EdgeType.CanRead);
        g.Edge(g.Role("publisher"), downloads, EdgeType.CanWrite);
        g.Edge(role, g.Node("arn:aws:s3:::artifacts", NodeType.S3Bucket, "bucket artifacts", "global"), EdgeType.CanWrite);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-07");
    }

    [Fact]
    public void CA_10_fires_for_the_mfa_less_user_that_can_escalate_to_administrator()
    {
        var g = new TestGraph().Base();
        var user = g.User("dana", NoMfa("dana"));
        g.EscalatesToAdmin(user, Path(user, "iam-005"));
        Assert.Equal(user, Assert.Single(g.Chains(), c => c.ChainId == "CA-10").Anchor);
        Assert.DoesNotContain(g.Chains("aws-iam-002"), c => c.ChainId == "CA-10");
    }

    [Fact]
    public void CA_10_does_not_fire_when_the_escalating_user_has_mfa_and_the_mfa_less_one_cannot_escalate()
    {
        var g = new TestGraph().Base();
        g.User("bob", NoMfa("bob"));
        var erin = g.User("erin");
        g.EscalatesToAdmin(erin, Path(erin, "iam-005"));
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-10");
    }

    [Fact]
    public void CA_11_fires_for_an_administrator_role_any_aws_principal_can_assume()
    {
        var g = new TestGraph().Base();
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        var role = g.Role("legacy-admin");
        g.Admin(role);
        g.Edge(anyone, role, EdgeType.CanAssume, Evidence.Grant("iam", "trust policy admits Principal {\"AWS\": \"*\"}"));
        Assert.Equal(role, Assert.Single(g.Chains(), c => c.ChainId == "CA-11").Anchor);
    }

    [Fact]
    public void CA_11_does_not_fire_when_the_role_anyone_can_assume_is_not_the_administrator()
    {
        var g = new TestGraph().Base();
        var anyone = g.Node("*", NodeType.AnyPrincipal, "anyone", "global", accountId: "");
        g.Edge(anyone, g.Role("public-reader"), EdgeType.CanAssume);
        var admin = g.Role("ops-admin");
        g.Admin(admin);
        g.Edge(g.Node("arn:aws:iam::999988887777:root", NodeType.ExternalAccount, "account 999988887777", "global", accountId: "999988887777"),
            admin, EdgeType.CanAssume);
        Assert.DoesNotContain(g.Chains(), c => c.ChainId == "CA-11");
    }
}
