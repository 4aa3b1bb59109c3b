using System.Globalization;
using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Policies;

/// <summary>
/// Whether an unsigned call to a function URL gets through. AuthType NONE only skips authentication: Lambda still
/// evaluates the function's resource policy, so an anonymous caller is let in only when a statement allows
/// lambda:InvokeFunctionUrl to "*" for the request Lambda makes of the call (lambda:FunctionUrlAuthType set to the
/// URL's auth type, the URL's function or alias ARN as resource). AWS documents that function URLs created from
/// October 2025 on also need lambda:InvokeFunction (the console adds it with lambda:InvokedViaFunctionUrl), so for
/// those the policy must allow both; a URL whose creation time is older or not given is judged by the first alone,
/// which can only over-report a way in, never hide one. Shared by aws-tf-002 and the security graph so that the
/// finding and the internet edge never disagree.
/// </summary>
public static class FunctionUrlAccess
{
    /// <summary>From this date (AWS says "starting in October 2025") new URLs need both permissions.</summary>
    public static readonly DateTimeOffset BothPermissionsFrom = new(2025, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ActionName InvokeFunctionUrl = ActionName.Parse("lambda:InvokeFunctionUrl");
    private static readonly ActionName InvokeFunction = ActionName.Parse("lambda:InvokeFunction");

    /// <summary>The engine's answer, with the statements behind it, for an anonymous call to the URL under this policy.</summary>
    public static EvaluationResult AnonymousCall(PolicyDocument policy, FunctionUrlConfig url, string accountId)
    {
        var urlCall = Anonymous(policy, url, InvokeFunctionUrl, accountId);
        if (!urlCall.IsAllowed || !NeedsInvokeFunction(url)) return urlCall;
        var invoke = Anonymous(policy, url, InvokeFunction, accountId);
        if (!invoke.IsAllowed)
            return invoke with { Reason = $"a URL created from October 2025 on also needs lambda:InvokeFunction: {invoke.Reason}" };
        return new EvaluationResult(Decision.Allowed, [.. urlCall.MatchedStatements, .. invoke.MatchedStatements],
            "lambda:InvokeFunctionUrl and lambda:InvokeFunction are both allowed");
    }

    /// <summary>Whether AWS requires lambda:InvokeFunction too: the URL was created in October 2025 or later.</summary>
    public static bool NeedsInvokeFunction(FunctionUrlConfig url) => CreatedAt(url) >= BothPermissionsFrom;

    /// <summary>Lambda writes times like 2025-10-21T09:30:00.000+0000; null when absent or unreadable.</summary>
    private static DateTimeOffset? CreatedAt(FunctionUrlConfig url)
    {
        if (url.CreationTime is not { Length: > 0 } text) return null;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ssK", "O"];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact)) return exact;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose) ? loose : null;
    }

    private static EvaluationResult Anonymous(PolicyDocument policy, FunctionUrlConfig url, ActionName action, string accountId)
    {
        // Lambda's call through a URL carries both keys: the console's InvokeFunction statement conditions on the second.
        var request = new RequestContext().Set("lambda:FunctionUrlAuthType", url.AuthType).Set("lambda:InvokedViaFunctionUrl", "true");
        return PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = policy },
            new AccessRequest(Principal.Anonymous, action, url.FunctionArn, request, accountId));
    }
}
