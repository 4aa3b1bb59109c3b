using System.Text.Json.Nodes;
using CloudAudit.Checks.Policies;

namespace CloudAudit.Checks.Tests.Policies;

public class PolicyJsonTests
{
    [Fact]
    public void A_single_statement_object_is_statement_zero_and_becomes_an_array_when_one_is_appended()
    {
        var policy = PolicyJson.Load("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}""")
            .Require(0, "StringEquals", "aws:PrincipalOrgID", "o-abc123")
            .Append(new JsonObject { ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "s3:*", ["Resource"] = "arn:aws:s3:::b/*" });
        var statements = JsonNode.Parse(policy.ToString())!["Statement"]!.AsArray();
        Assert.Equal(2, statements.Count);
        Assert.Equal("o-abc123", statements[0]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
    }

    [Fact]
    public void Forget_removes_a_key_under_every_operator_and_empty_blocks()
    {
        var policy = PolicyJson.Load("""
            {"Statement":[{"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity","Principal":{"Federated":"x"},
              "Condition":{"StringLike":{"host:SUB":"repo:*"},"StringEquals":{"host:aud":"sts.amazonaws.com","host:sub":"a"}}}]}
            """).Forget(0, "host:sub");
        Assert.True(policy.Conditions(0, "host:aud"));
        Assert.False(policy.Conditions(0, "host:sub"));
        Assert.DoesNotContain("StringLike", policy.ToString());
    }

    [Fact]
    public void URL_encoded_documents_are_decoded_and_angle_brackets_stay_readable()
    {
        var policy = PolicyJson.Load(Uri.EscapeDataString("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"""))
            .Require(0, "StringEquals", "aws:PrincipalOrgID", "<ORGANIZATION_ID>");
        Assert.Contains("\"<ORGANIZATION_ID>\"", policy.ToString());
    }
}
