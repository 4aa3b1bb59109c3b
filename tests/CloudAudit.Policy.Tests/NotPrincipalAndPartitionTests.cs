using CloudAudit.Policy.Analysis;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

/// <summary>NotPrincipal as AWS documents it, and partitions taken from ARNs rather than assumed.</summary>
public class NotPrincipalAndPartitionTests
{
    const string Object = "arn:aws:s3:::reports/2024/q1.csv";
    const string Bob = $"arn:aws:iam::{Account}:user/bob";
    const string AccountRoot = $"arn:aws:iam::{Account}:root";

    /// <summary>A bucket open to the account's principals through their identity policies, with a Deny on everyone the NotPrincipal does not name.</summary>
    static PolicySet Bucket(params string[] notPrincipals) => new()
    {
        Identity = [Identity(Allow("s3:GetObject"))],
        ResourcePolicy = Resource(
            $$"""{"Effect":"Deny","NotPrincipal":{"AWS":[{{string.Join(",", notPrincipals.Select(p => $"\"{p}\""))}}]},"Action":"s3:GetObject","Resource":"arn:aws:s3:::reports/*"}"""),
    };

    [Fact]
    public void A_deny_with_NotPrincipal_naming_Bob_and_his_account_spares_Bob_and_the_account_root_only()
    {
        var set = Bucket(Bob, AccountRoot);
        Assert.Equal(Decision.Allowed, Decide(set, Bob, "s3:GetObject", Object));
        Assert.Equal(Decision.Allowed, Decide(set, AccountRoot, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, User, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Role, "s3:GetObject", Object));
    }

    [Fact]
    public void Naming_only_the_account_spares_the_account_root_and_not_every_principal_of_it()
    {
        var set = Bucket(AccountRoot);
        Assert.Equal(Decision.Allowed, Decide(set, AccountRoot, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Bob, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(set, Session, "s3:GetObject", Object));
    }

    [Fact]
    public void Naming_a_user_without_its_account_does_not_spare_the_user()
    {
        Assert.Equal(Decision.ExplicitDeny, Decide(Bucket(Bob), Bob, "s3:GetObject", Object));
    }

    [Fact]
    public void A_role_session_is_spared_only_with_its_session_its_role_and_its_account_named()
    {
        Assert.Equal(Decision.Allowed, Decide(Bucket(Session, Role, AccountRoot), Session, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(Bucket(Role, AccountRoot), Session, "s3:GetObject", Object));
        Assert.Equal(Decision.ExplicitDeny, Decide(Bucket(Session, AccountRoot), Session, "s3:GetObject", Object));
        // A role standing for any of its sessions is not spared by its role ARN alone.
        Assert.Equal(Decision.ExplicitDeny, Decide(Bucket(Role, AccountRoot), Role, "s3:GetObject", Object));
    }

    [Fact]
    public void A_bare_account_ID_names_the_account_in_any_partition()
    {
        const string ChinaRoot = $"arn:aws-cn:iam::{Account}:root";
        var trust = Doc(PolicyKind.Trust, $$"""{"Effect":"Allow","Principal":{"AWS":"{{Account}}"},"Action":"sts:AssumeRole"}""");
        var china = new AccessRequest(Principal.Parse(ChinaRoot), Matching.ActionName.Parse("sts:AssumeRole"), $"arn:aws-cn:iam::{Account}:role/deploy");
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { ResourcePolicy = trust }, china));
        var chinaUser = new AccessRequest(Principal.Parse($"arn:aws-cn:iam::{Account}:user/bob"), Matching.ActionName.Parse("sts:AssumeRole"), $"arn:aws-cn:iam::{Account}:role/deploy");
        Assert.Equal(Decision.Allowed, PolicyEvaluator.Decide(new PolicySet { Identity = [Identity(Allow("sts:AssumeRole"))], ResourcePolicy = trust }, chinaUser));
    }

    [Fact]
    public void The_TLS_question_asks_about_the_bucket_in_its_own_partition()
    {
        var policy = Resource("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws-cn:s3:::reports","arn:aws-cn:s3:::reports/*"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}""");
        Assert.True(BucketPolicyAnalysis.DeniesInsecureTransport(policy, "reports", Account, "aws-cn").DeniesInsecureTransport);
        Assert.False(BucketPolicyAnalysis.DeniesInsecureTransport(policy, "reports", Account).DeniesInsecureTransport);
    }

    [Fact]
    public void Outside_parties_are_probed_in_the_resource_partition()
    {
        var policy = Resource("""{"Effect":"Allow","Principal":{"AWS":"arn:aws-us-gov:iam::444455556666:root"},"Action":"s3:GetObject","Resource":"arn:aws-us-gov:s3:::reports/*"}""");
        var parties = ResourceExposure.Parties(policy, Matching.ActionName.Parse("s3:GetObject"), "arn:aws-us-gov:s3:::reports/q1.csv", Account);
        Assert.Equal(["arn:aws-us-gov:iam::444455556666:root"], parties.Select(p => p.Party));
    }
}
