using CloudAudit.Policy.Evaluation;
using static CloudAudit.Policy.Tests.Build;

namespace CloudAudit.Policy.Tests;

/// <summary>Condition operator semantics, one row per documented rule: (operator, key, policy values, context, expected).</summary>
public class ConditionOperatorTests
{
    public static TheoryData<string, string, string, string?, bool> Cases => new()
    {
        // String: case-sensitive equality, IgnoreCase, Like with * and ?, negation.
        { "StringEquals", "aws:username", "\"alice\"", "alice", true },
        { "StringEquals", "aws:username", "\"alice\"", "Alice", false },
        { "StringEquals", "aws:username", "[\"bob\",\"alice\"]", "alice", true },
        { "StringNotEquals", "aws:username", "[\"bob\",\"alice\"]", "alice", false },
        { "StringNotEquals", "aws:username", "\"bob\"", "alice", true },
        { "StringEqualsIgnoreCase", "aws:username", "\"ALICE\"", "alice", true },
        { "StringNotEqualsIgnoreCase", "aws:username", "\"ALICE\"", "alice", false },
        { "StringLike", "s3:prefix", "\"home/*\"", "home/alice/x", true },
        { "StringLike", "s3:prefix", "\"home/?\"", "home/ab", false },
        { "StringLike", "s3:prefix", "\"home/??\"", "home/ab", true },
        { "StringLike", "s3:prefix", "\"HOME/*\"", "home/a", false },
        { "StringNotLike", "s3:prefix", "\"home/*\"", "tmp/a", true },
        // Missing keys: positive operators fail, negated ones hold, IfExists holds.
        { "StringEquals", "aws:username", "\"alice\"", null, false },
        { "StringNotEquals", "aws:username", "\"alice\"", null, true },
        { "StringNotLike", "aws:username", "\"a*\"", null, true },
        { "StringEqualsIfExists", "aws:username", "\"alice\"", null, true },
        { "StringEqualsIfExists", "aws:username", "\"alice\"", "bob", false },
        { "ArnNotLikeIfExists", "aws:SourceArn", "\"arn:aws:sns:*:111122223333:*\"", null, true },
        // Numeric.
        { "NumericLessThan", "s3:max-keys", "\"10\"", "9", true },
        { "NumericLessThan", "s3:max-keys", "\"10\"", "10", false },
        { "NumericLessThanEquals", "s3:max-keys", "10", "10", true },
        { "NumericGreaterThan", "s3:max-keys", "\"10\"", "10.5", true },
        { "NumericGreaterThanEquals", "s3:max-keys", "\"10\"", "9.99", false },
        { "NumericEquals", "s3:max-keys", "\"10\"", "10.0", true },
        { "NumericNotEquals", "s3:max-keys", "\"10\"", "11", true },
        { "NumericEquals", "s3:max-keys", "\"10\"", "ten", false },
        // Date: ISO 8601 and epoch seconds, compared as instants.
        { "DateGreaterThan", "aws:CurrentTime", "\"2020-01-01T00:00:00Z\"", "2024-06-01T12:00:00Z", true },
        { "DateLessThan", "aws:CurrentTime", "\"2020-01-01T00:00:00Z\"", "2024-06-01T12:00:00Z", false },
        { "DateEquals", "aws:CurrentTime", "\"2020-01-01T00:00:00Z\"", "1577836800", true },
        { "DateLessThanEquals", "aws:CurrentTime", "\"2020-01-01\"", "2020-01-01T00:00:00+00:00", true },
        { "DateNotEquals", "aws:CurrentTime", "\"2020-01-01T00:00:00Z\"", "2020-01-01T00:00:01Z", true },
        { "DateGreaterThanEquals", "aws:TokenIssueTime", "\"2020-01-01T00:00:00Z\"", "2019-12-31T23:59:59Z", false },
        // Bool: case-insensitive true/false; JSON booleans accepted in policies.
        { "Bool", "aws:SecureTransport", "\"false\"", "false", true },
        { "Bool", "aws:SecureTransport", "false", "FALSE", true },
        { "Bool", "aws:SecureTransport", "\"true\"", "false", false },
        { "Bool", "aws:SecureTransport", "\"false\"", null, false },
        { "BoolIfExists", "aws:MultiFactorAuthPresent", "\"false\"", null, true },
        // Binary compares decoded bytes.
        { "BinaryEquals", "kms:RecipientAttestation:ImageSha384", "\"QmluYXJ5VmFsdWU=\"", "QmluYXJ5VmFsdWU=", true },
        { "BinaryEquals", "kms:RecipientAttestation:ImageSha384", "\"QmluYXJ5VmFsdWU=\"", "T3RoZXI=", false },
        // IP addresses: IPv4 and IPv6 CIDR, bare addresses, host bits ignored.
        { "IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "203.0.113.77", true },
        { "IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "203.0.114.1", false },
        { "IpAddress", "aws:SourceIp", "\"203.0.113.5/24\"", "203.0.113.200", true },
        { "IpAddress", "aws:SourceIp", "\"203.0.113.9\"", "203.0.113.9", true },
        { "IpAddress", "aws:SourceIp", "\"2001:DB8:1234:5678::/64\"", "2001:db8:1234:5678:abcd::1", true },
        { "IpAddress", "aws:SourceIp", "\"2001:DB8:1234:5678::/64\"", "2001:db8:1234:5679::1", false },
        { "IpAddress", "aws:SourceIp", "\"203.0.113.0/24\"", "2001:db8::1", false },
        { "NotIpAddress", "aws:SourceIp", "[\"203.0.113.0/24\",\"2001:DB8::/32\"]", "198.51.100.1", true },
        { "NotIpAddress", "aws:SourceIp", "[\"203.0.113.0/24\",\"2001:DB8::/32\"]", "2001:db8::9", false },
        { "IpAddress", "aws:SourceIp", "\"0.0.0.0/0\"", "198.51.100.1", true },
        // ARN operators: per-part matching, case-sensitive; ArnEquals behaves like ArnLike.
        { "ArnLike", "aws:SourceArn", "\"arn:aws:s3:::my-bucket*\"", "arn:aws:s3:::my-bucket-logs", true },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:sns:*:111122223333:*\"", "arn:aws:sns:us-east-1:111122223333:topic", true },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:sns:*:111122223333:*\"", "arn:aws:sns:us-east-1:444455556666:topic", false },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:iam::111122223333:role/*\"", "arn:aws:iam::111122223333:role/path/name", true },
        { "ArnEquals", "aws:SourceArn", "\"arn:aws:iam::111122223333:role/*\"", "arn:aws:iam::111122223333:role/x", true },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:iam::111122223333:role/App\"", "arn:aws:iam::111122223333:role/app", false },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:sns:us-east-1:*:topic\"", "arn:aws:sns:us-east-1:111122223333:x:topic", false },
        { "ArnNotLike", "aws:SourceArn", "\"arn:aws:sns:*:111122223333:*\"", "arn:aws:sns:us-east-1:444455556666:t", true },
        { "ArnNotEquals", "aws:PrincipalArn", "\"arn:aws:iam::111122223333:role/admin\"", "arn:aws:iam::111122223333:role/admin", false },
        { "ArnLike", "aws:SourceArn", "\"arn:aws:s3:::b\"", "not-an-arn", false },
        // Null tests presence.
        { "Null", "aws:TokenIssueTime", "\"true\"", null, true },
        { "Null", "aws:TokenIssueTime", "\"true\"", "2020-01-01T00:00:00Z", false },
        { "Null", "aws:TokenIssueTime", "\"false\"", "2020-01-01T00:00:00Z", true },
        { "Null", "aws:TokenIssueTime", "false", null, false },
        // Key names are case-insensitive.
        { "StringEquals", "AWS:USERNAME", "\"alice\"", "alice", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Operator_semantics(string op, string key, string valuesJson, string? contextValue, bool expected)
    {
        var policy = Identity(Allow("s3:ListBucket", extra: Condition("{\"" + op + "\":{\"" + key + "\":" + valuesJson + "}}")));
        var context = new RequestContext();
        // aws:username is derived from the principal unless the context sets it: use a role to keep it absent.
        if (contextValue is not null) context.Set(key.ToLowerInvariant(), contextValue);
        var decision = Decide(new PolicySet { Identity = [policy] }, Role, "s3:ListBucket", "arn:aws:s3:::b", context);
        Assert.Equal(expected ? Decision.Allowed : Decision.ImplicitDeny, decision);
    }

    public static TheoryData<string, string[]?, bool> SetCases => new()
    {
        // ForAllValues: every request value must be in the policy set; an absent or empty set passes.
        { "ForAllValues:StringEquals", ["env", "team"], true },
        { "ForAllValues:StringEquals", ["env", "owner"], false },
        { "ForAllValues:StringEquals", null, true },
        { "ForAllValues:StringEquals", [], true },
        // ForAnyValue: some request value must be in the set; an absent or empty set fails.
        { "ForAnyValue:StringEquals", ["owner", "team"], true },
        { "ForAnyValue:StringEquals", ["owner"], false },
        { "ForAnyValue:StringEquals", null, false },
        { "ForAnyValue:StringEquals", [], false },
        // Negated under a set operator: the negation applies to each value.
        { "ForAllValues:StringNotEquals", ["owner", "cost"], true },
        { "ForAllValues:StringNotEquals", ["owner", "env"], false },
        { "ForAnyValue:StringNotEquals", ["owner", "env"], true },
        { "ForAnyValue:StringNotEquals", ["env", "team"], false },
        { "ForAnyValue:StringLike", ["team-x"], true },
        // A plain operator on a multivalued key matches when any value matches.
        { "StringEquals", ["owner", "env"], true },
        { "StringNotEquals", ["owner", "env"], false },
    };

    [Theory]
    [MemberData(nameof(SetCases))]
    public void Set_operator_semantics(string op, string[]? tagKeys, bool expected)
    {
        var values = op.EndsWith("StringLike") ? "[\"team-*\"]" : "[\"env\",\"team\"]";
        var policy = Identity(Allow("ec2:CreateTags", extra: Condition("{\"" + op + "\":{\"aws:TagKeys\":" + values + "}}")));
        var context = new RequestContext();
        if (tagKeys is not null) context.Set("aws:TagKeys", tagKeys);
        var decision = Decide(new PolicySet { Identity = [policy] }, Role, "ec2:CreateTags", "*", context);
        Assert.Equal(expected ? Decision.Allowed : Decision.ImplicitDeny, decision);
    }

    [Fact]
    public void Operators_of_a_block_are_ANDed_and_values_ORed()
    {
        var policy = Identity(Allow("s3:GetObject", extra: Condition("""
            {"Bool":{"aws:SecureTransport":"true"},"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.0.2.0/24"]}}
            """)));
        var set = new PolicySet { Identity = [policy] };
        Assert.Equal(Decision.Allowed, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:SecureTransport", "true"), ("aws:SourceIp", "192.0.2.1"))));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:SecureTransport", "false"), ("aws:SourceIp", "192.0.2.1"))));
        Assert.Equal(Decision.ImplicitDeny, Decide(set, Role, "s3:GetObject", "arn:aws:s3:::b/k", Context(("aws:SecureTransport", "true"), ("aws:SourceIp", "8.8.8.8"))));
    }
}
