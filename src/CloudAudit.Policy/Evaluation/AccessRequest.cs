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
    public Func<string, bool>? FreeKey { get; init; }

    public AccessRequest(Principal principal, ActionName action, string resource, RequestContext? context = null, string? resourceAccount = null)
    {
        Principal = principal;
        Action = action;
        Resource = resource;
        Context = context ?? RequestContext.Empty;
        ResourceAccount = resourceAccount ?? Arn.AccountOf(resource) ?? principal.AccountId;
    }

    public AccessRequest(string principalArn, string action, string resource, RequestContext? context = null)
        : this(Principal.Parse(principalArn), ActionName.Parse(action), resource, context) { }

    public IReadOnlyList<string>? Get(string key)
    {
        var explicitValues = Context.Get(key);
        if (explicitValues is not null) return explicitValues;
        if (!key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) return null;
        // Derived keys are built on demand: most requests never reach a condition that reads them.
        var p = Principal;
        var name = key.AsSpan(4);
        var iamPrincipal = p.Kind is not (PrincipalKind.Anonymous or PrincipalKind.Service or PrincipalKind.WebIdentity or PrincipalKind.Saml);
        if (Is(name, "PrincipalArn")) return iamPrincipal ? [p.PrincipalArnKey] : null;
        if (Is(name, "PrincipalAccount")) return iamPrincipal && p.AccountId is not null ? [p.AccountId] : null;
        if (Is(name, "username")) return p.UserName is not null ? [p.UserName] : null;
        if (Is(name, "PrincipalIsAWSService")) return p.Kind != PrincipalKind.Anonymous ? [p.IsAwsService ? "true" : "false"] : null;
        if (Is(name, "PrincipalServiceName")) return p.IsAwsService ? [p.Arn] : null;
        if (Is(name, "ResourceAccount")) return ResourceAccount is not null ? [ResourceAccount] : null;
        return null;
    }

    static bool Is(ReadOnlySpan<char> name, string expected) => name.Equals(expected, StringComparison.OrdinalIgnoreCase);

    public bool IsCrossAccount => Principal.AccountId is not null && ResourceAccount is not null && Principal.AccountId != ResourceAccount;

    public override string ToString() => $"{Principal} {Action} {Resource}";
}
