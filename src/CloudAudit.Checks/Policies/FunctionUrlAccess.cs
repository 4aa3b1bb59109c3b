using CloudAudit.Inventory.Views;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Checks.Policies;

/// <summary>
/// Whether an unsigned call to a function URL gets through. AuthType NONE only skips authentication: Lambda still
/// evaluates the function's resource policy, so an anonymous caller is let in only when a statement allows
/// lambda:InvokeFunctionUrl to "*" for the request Lambda makes of the call (lambda:FunctionUrlAuthType set to the
/// URL's auth type, the URL's function or alias ARN as resource). Shared by aws-tf-002 and the security graph so
/// that the finding and the internet edge never disagree.
/// </summary>
public static class FunctionUrlAccess
{
    private static readonly ActionName InvokeFunctionUrl = ActionName.Parse("lambda:InvokeFunctionUrl");

    /// <summary>The engine's answer, with the statements behind it, for an anonymous call to the URL under this policy.</summary>
    public static EvaluationResult AnonymousCall(PolicyDocument policy, FunctionUrlConfig url, string accountId)
    {
        var request = new RequestContext().Set("lambda:FunctionUrlAuthType", url.AuthType);
        return PolicyEvaluator.Evaluate(new PolicySet { ResourcePolicy = policy },
            new AccessRequest(Principal.Anonymous, InvokeFunctionUrl, url.FunctionArn, request, accountId));
    }
}
