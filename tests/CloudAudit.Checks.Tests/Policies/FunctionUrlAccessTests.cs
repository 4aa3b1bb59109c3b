using CloudAudit.Checks.Policies;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Tests.Policies;

/// <summary>
/// An anonymous call through a URL of auth type NONE: AWS documents that URLs created from October 2025 on need both
/// lambda:InvokeFunctionUrl and lambda:InvokeFunction in the function's policy; older ones need the first only.
/// </summary>
public sealed class FunctionUrlAccessTests
{
    private const string Account = "123456789012";
    private const string Function = $"arn:aws:lambda:us-east-1:{Account}:function:web";

    private const string UrlStatement = $$$"""
        {"Sid":"FunctionURLAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"{{{Function}}}",
         "Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"} } }
        """;

    private const string InvokeStatement = $$$"""
        {"Sid":"FunctionURLInvokeAllowPublicAccess","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"{{{Function}}}",
         "Condition":{"Bool":{"lambda:InvokedViaFunctionUrl":"true"} } }
        """;

    private static PolicyDocument Policy(params string[] statements) =>
        PolicyDocument.Parse($$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""", PolicyKind.Resource);

    private static FunctionUrlConfig Url(string? created) =>
        new("https://abc.lambda-url.us-east-1.on.aws/", Function, "NONE") { CreationTime = created };

    [Theory]
    [InlineData("2025-09-30T23:59:59.999+0000")]
    [InlineData(null)]
    public void A_url_from_before_October_2025_or_of_unknown_age_needs_only_InvokeFunctionUrl(string? created)
    {
        Assert.True(FunctionUrlAccess.AnonymousCall(Policy(UrlStatement), Url(created), Account).IsAllowed);
    }

    [Theory]
    [InlineData("2025-10-01T00:00:00.000+0000")]
    [InlineData("2026-11-02T08:15:00Z")]
    public void A_url_created_from_October_2025_on_is_refused_without_InvokeFunction(string created)
    {
        var result = FunctionUrlAccess.AnonymousCall(Policy(UrlStatement), Url(created), Account);

        Assert.False(result.IsAllowed);
        Assert.Contains("lambda:InvokeFunction", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_url_whose_policy_allows_both_is_callable_and_both_statements_are_the_evidence()
    {
        var result = FunctionUrlAccess.AnonymousCall(Policy(UrlStatement, InvokeStatement), Url("2026-01-15T10:00:00.000+0000"), Account);

        Assert.True(result.IsAllowed);
        Assert.Equal(["FunctionURLAllowPublicAccess", "FunctionURLInvokeAllowPublicAccess"], result.MatchedStatements.Select(s => s.Sid));
    }

    [Fact]
    public void InvokeFunction_alone_does_not_open_a_new_url()
    {
        Assert.False(FunctionUrlAccess.AnonymousCall(Policy(InvokeStatement), Url("2026-01-15T10:00:00.000+0000"), Account).IsAllowed);
    }

    [Fact]
    public void Only_urls_created_from_the_first_of_October_2025_need_both()
    {
        Assert.False(FunctionUrlAccess.NeedsInvokeFunction(Url("2025-09-30T23:59:59.000+0000")));
        Assert.True(FunctionUrlAccess.NeedsInvokeFunction(Url("2025-10-01T00:00:00.000+0000")));
        Assert.False(FunctionUrlAccess.NeedsInvokeFunction(Url("not a time")));
    }
}
