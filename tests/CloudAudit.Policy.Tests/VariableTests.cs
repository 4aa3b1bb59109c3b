using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

public class VariableTests
{
    static PolicyDocument HomeFolder(string version) => PolicyDocument.Parse(
        """{"Version":"VERSION","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}}""".Replace("VERSION", version),
        PolicyKind.Identity);

    [Fact]
    public void Username_variable_is_substituted_under_2012_10_17()
    {
        var set = new PolicySet { Identity = [HomeFolder("2012-10-17")] };
        Assert.Equal(Decision.Allowed, Decide(set, User, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt"));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, User, "s3:GetObject", "arn:aws:s3:::home/bob/notes.txt"));
    }

    [Fact]
    public void Variables_are_literal_text_under_2008_10_17()
    {
        var set = new PolicySet { Identity = [HomeFolder("2008-10-17")] };
        Assert.Equal(Decision.ImplicitDeny, Decide(set, User, "s3:GetObject", "arn:aws:s3:::home/alice/notes.txt"));
        Assert.Equal(Decision.Allowed, Decide(set, User, "s3:GetObject", "arn:aws:s3:::home/${aws:username}/notes.txt"));
    }

    [Fact]
    public void Missing_variable_matches_nothing_unless_a_default_is_given()
    {
        var noDefault = Identity(Allow("s3:GetObject", "arn:aws:s3:::teams/${aws:PrincipalTag/team}/*"));
        var withDefault = Identity(Allow("s3:GetObject", "arn:aws:s3:::teams/${aws:PrincipalTag/team, 'shared'}/*"));
        Assert.Equal(Decision.ImplicitDeny, Decide(new PolicySet { Identity = [noDefault] }, Role, "s3:GetObject", "arn:aws:s3:::teams/shared/x"));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { Identity = [withDefault] }, Role, "s3:GetObject", "arn:aws:s3:::teams/shared/x"));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { Identity = [noDefault] }, Role, "s3:GetObject", "arn:aws:s3:::teams/blue/x",
            Context(("aws:PrincipalTag/Team", "blue"))));
    }

    [Fact]
    public void Escapes_stand_for_literal_characters_not_wildcards()
    {
        var set = new PolicySet { Identity = [Identity(Allow("s3:GetObject", "arn:aws:s3:::b/${*}star${?}${$}"))] };
        Assert.Equal(Decision.Allowed, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/*star?$"));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/anystarX$"));
    }

    [Fact]
    public void Substituted_values_never_act_as_wildcards()
    {
        var set = new PolicySet { Identity = [Identity(Allow("s3:GetObject", "arn:aws:s3:::home/${aws:PrincipalTag/dir}/x"))] };
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::home/anything/x", Context(("aws:PrincipalTag/dir", "*"))));
    }

    [Fact]
    public void Variables_work_in_string_and_arn_conditions()
    {
        var policy = Identity(Allow("ec2:StopInstances", extra: Condition("""{"StringEquals":{"aws:ResourceTag/owner":"${aws:username}"}}""")));
        var set = new PolicySet { Identity = [policy] };
        Assert.Equal(Decision.Allowed, Decide(set, User, "ec2:StopInstances", "*", Context(("aws:ResourceTag/owner", "alice"))));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, User, "ec2:StopInstances", "*", Context(("aws:ResourceTag/owner", "bob"))));
        var like = Identity(Allow("s3:ListBucket", extra: Condition("""{"StringLike":{"s3:prefix":["home/${aws:username}/*"]}}""")));
        Assert.Equal(Decision.Allowed, Decide(new PolicySet { Identity = [like] }, User, "s3:ListBucket", "arn:aws:s3:::b", Context(("s3:prefix", "home/alice/docs"))));
    }

    [Fact]
    public void Multivalued_keys_cannot_be_variables()
    {
        var set = new PolicySet { Identity = [Identity(Allow("s3:GetObject", "arn:aws:s3:::b/${aws:PrincipalTag/x}"))] };
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/a", Context(("aws:PrincipalTag/x", "a"), ("aws:PrincipalTag/x", "b"))));
    }
}
