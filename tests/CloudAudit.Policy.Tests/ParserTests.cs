using CloudAudit.Policy.Model;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Policy.Tests;

public class ParserTests
{
    static PolicyParseException Reject(string json, PolicyKind kind = PolicyKind.Identity) =>
        Assert.Throws<PolicyParseException>(() => PolicyDocument.Parse(json, kind));

    [Fact]
    public void Single_values_and_arrays_are_interchangeable()
    {
        var single = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}""", PolicyKind.Identity);
        var arrays = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}""", PolicyKind.Identity);
        Assert.Equal(single.Statements[0].Actions[0].Pattern, arrays.Statements[0].Actions[0].Pattern);
        Assert.Equal(single.Statements[0].Resources![0].Text, arrays.Statements[0].Resources![0].Text);
    }

    [Fact]
    public void Url_encoded_documents_from_IAM_APIs_are_accepted()
    {
        const string Encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGet%2A%22%2C%22Resource%22%3A%22%2A%22%7D%5D%7D";
        var policy = PolicyDocument.Parse(Encoded, PolicyKind.Identity);
        Assert.Equal("s3:Get*", policy.Statements[0].Actions[0].Pattern);
        Assert.Equal("{\"a\":1}", PolicyText.Decode("%7B%22a%22%3A1%7D"));
        Assert.Equal("{\"a\":\"x%20y\"}", PolicyText.Decode("{\"a\":\"x%20y\"}"));
    }

    [Fact]
    public void Principal_forms_are_normalised()
    {
        var policy = PolicyDocument.Parse("""
            {"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:GetObject","Resource":"*"},
              {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/x"],"Service":"logs.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"}]}
            """, PolicyKind.Resource);
        Assert.True(policy.Statements[0].Principals!.Everyone);
        Assert.True(policy.Statements[1].Principals!.Everyone);
        Assert.Contains("arn:aws:iam::111122223333:root", policy.Statements[2].Principals!.Aws);
        Assert.Equal(["111122223333", "444455556666"], policy.Statements[2].Principals!.Accounts.Order());
    }

    [Fact]
    public void Version_2008_and_missing_version_disable_variables()
    {
        Assert.False(PolicyDocument.Parse("""{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyKind.Identity).VariablesEnabled);
        Assert.False(PolicyDocument.Parse("""{"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}""", PolicyKind.Identity).VariablesEnabled);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}""", "", "invalid JSON")]
    [InlineData("""{"Version":"2012-10-18","Statement":[]}""", "Version", "unknown policy version")]
    [InlineData("""{"Version":"2012-10-17"}""", "", "Statement")]
    [InlineData("""{"Version":"2012-10-17","statement":[]}""", "statement", "case-sensitive")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Effect":"allow","Action":"s3:*","Resource":"*"}}""", "Statement.Effect", "Allow or Deny")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Statement[0]", "Action")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}]}""", "Statement[0]", "cannot both")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]}""", "Statement[0]", "Resource")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","GetObject"],"Resource":"*"}]}""", "Statement[0].Action[1]", "not an action")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[],"Resource":"*"}]}""", "Statement[0].Action", "empty")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"bucket"}]}""", "Statement[0].Resource[0]", "ARN")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}""", "Statement[0].Principal", "not allowed")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":"s3:*","Resource":"*"},{"Sid":"A","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""", "Statement[1].Sid", "duplicate Sid")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Sid":"has space","Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", "Statement[0].Sid", "letters and digits")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"aws:username":"a"}}}]}""", "Statement[0].Condition.StringEqualz", "unknown condition operator")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.300/8"}}}]}""", "Statement[0].Condition.IpAddress.aws:SourceIp", "IP address")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"ten"}}}]}""", "Statement[0].Condition.NumericLessThan.s3:max-keys", "number")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"yesterday"}}}]}""", "Statement[0].Condition.DateLessThan.aws:CurrentTime", "date")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NullIfExists":{"aws:TokenIssueTime":"true"}}}]}""", "Statement[0].Condition.NullIfExists", "unknown condition operator")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":[["a"]]}}}]}""", "Statement[0].Condition.StringEquals.aws:username[0]", "string, number or boolean")]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"s3:*","Resource":"*"}]}""", "Statement[0].Effect", "duplicate element")]
    public void Malformed_identity_policies_are_rejected_with_a_path(string json, string path, string message)
    {
        var e = Reject(json);
        Assert.Equal(path, e.Path);
        Assert.Contains(message, e.Reason);
    }

    [Fact]
    public void Resource_policies_require_a_principal_and_accept_repeated_free_form_sids()
    {
        Assert.Equal("Statement[0]", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}""", PolicyKind.Resource).Path);
        var ok = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Sid":"Allow read","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},{"Sid":"Allow read","Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*"}]}""", PolicyKind.Resource);
        Assert.Equal(2, ok.Statements.Count);
    }

    [Fact]
    public void Trust_policies_prohibit_Resource_and_NotPrincipal()
    {
        Assert.Contains("not allowed", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}""", PolicyKind.Trust).Reason);
        Assert.Contains("NotPrincipal", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]}""", PolicyKind.Trust).Reason);
    }

    [Fact]
    public void Invalid_AWS_principals_are_rejected()
    {
        var e = Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"s3:*","Resource":"*"}]}""", PolicyKind.Resource);
        Assert.Equal("Statement[0].Principal.AWS[0]", e.Path);
        Assert.Equal("Statement[0].Principal", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"arn:aws:iam::111122223333:root","Action":"s3:*","Resource":"*"}]}""", PolicyKind.Resource).Path);
    }

    [Fact]
    public void RCPs_require_principal_star_and_SCPs_have_no_principal()
    {
        Assert.Contains("\"*\"", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}]}""", PolicyKind.ResourceControl).Reason);
        Assert.Contains("not allowed", Reject("""{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}]}""", PolicyKind.ServiceControl).Reason);
    }

    [Fact]
    public void Condition_values_may_be_json_booleans_and_numbers_and_operators_any_case()
    {
        var policy = PolicyDocument.Parse("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":10}}}]}""", PolicyKind.Identity);
        Assert.Equal(["true"], policy.Statements[0].Conditions[0].Values);
        Assert.Equal(["10"], policy.Statements[0].Conditions[1].Values);
    }
}
