using CloudAudit.Policy.Conditions;
using CloudAudit.Policy.Matching;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Evaluation;

/// <summary>
/// A request to evaluate: who, which action, on which resource, with which context. Keys that follow from
/// the principal and resource (aws:PrincipalArn, aws:PrincipalAccount, aws:username, aws:PrincipalIsAWSService,
/// aws:PrincipalServiceName, aws:ResourceAccount) are supplied unless the context sets them.
/// </summary>
public sealed class AccessRequest : IContextValues
{
    public Principal Principal { get; }
    public ActionName Action { get; }
    public string Resource { get; }
    public RequestContext Context { get; }
    /// <summary>The account owning the resource: given, or from the resource ARN, or else the principal's.</summary>
    public string? ResourceAccount { get; }

    /// <summary>For analyses: keys whose value the caller can choose (conditions on them go the caller's way).</summary>
    internal Func<string, bool>? FreeKey { get; init; }

    readonly string[]? principalArn, principalAccount, userName, isService, serviceName, resourceAccount;

    public AccessRequest(Principal principal, ActionName action, string resource, RequestContext? context = null, string? resourceAccount = null)
    {
        Principal = principal;
        Action = action;
        Resource = resource;
        Context = context ?? new RequestContext();
        ResourceAccount = resourceAccount ?? Arn.AccountOf(resource) ?? principal.AccountId;
        if (principal.Kind is not (PrincipalKind.Anonymous or PrincipalKind.Service or PrincipalKind.WebIdentity or PrincipalKind.Saml))
        {
            principalArn = [principal.PrincipalArnKey];
            if (principal.AccountId is not null) principalAccount = [principal.AccountId];
        }
        if (principal.UserName is not null) userName = [principal.UserName];
        if (principal.Kind != PrincipalKind.Anonymous) isService = [principal.IsAwsService ? "true" : "false"];
        if (principal.IsAwsService) serviceName = [principal.Arn];
        if (ResourceAccount is not null) this.resourceAccount = [ResourceAccount];
    }

    public AccessRequest(string principalArn, string action, string resource, RequestContext? context = null)
        : this(Principal.Parse(principalArn), ActionName.Parse(action), resource, context) { }

    public IReadOnlyList<string>? Get(string key)
    {
        var explicitValues = Context.Get(key);
        if (explicitValues is not null) return explicitValues;
        if (!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) return null;
        return key[4..].ToLowerInvariant() switch
        {
            "principalarn" => principalArn,
            "principalaccount" => principalAccount,
            "username" => userName,
            "principalisawsservice" => isService,
            "principalservicename" => serviceName,
            "resourceaccount" => resourceAccount,
            _ => null,
        };
    }

    public bool IsCrossAccount => Principal.AccountId is not null && ResourceAccount is not null && Principal.AccountId != ResourceAccount;

    public override string ToString() => $"{Principal} {Action} {Resource}";
}
