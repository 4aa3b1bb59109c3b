using CloudAudit.Policy.Matching;

namespace CloudAudit.Policy.Model;

public enum PrincipalKind { Root, User, Role, AssumedRole, FederatedUser, Service, WebIdentity, Saml, Anonymous }

/// <summary>
/// Who makes a request. For a role session the role ARN (with its path) may be given beside the session
/// ARN; policies can name either.
/// </summary>
public sealed class Principal
{
    public PrincipalKind Kind { get; }
    /// <summary>The principal's ARN, or the service principal / identity provider name.</summary>
    public string Arn { get; }
    /// <summary>The account the principal belongs to; null for services, identity providers and anonymous callers.</summary>
    public string? AccountId { get; }
    /// <summary>For a role session: the role's ARN; used for aws:PrincipalArn and to match role principals.</summary>
    public string? RoleArn { get; }
    /// <summary>For an IAM user: the user name (aws:username).</summary>
    public string? UserName { get; }

    Principal(PrincipalKind kind, string arn, string? accountId, string? roleArn = null, string? userName = null)
    {
        Kind = kind;
        Arn = arn;
        AccountId = accountId;
        RoleArn = roleArn;
        UserName = userName;
    }

    public static readonly Principal Anonymous = new(PrincipalKind.Anonymous, "*", null);

    /// <summary>An account's root user; the partition is the account's (<c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c> …).</summary>
    public static Principal Root(string accountId, string partition = "aws") => new(PrincipalKind.Root, $"arn:{partition}:iam::{accountId}:root", accountId);

    public static Principal Service(string name) => new(PrincipalKind.Service, name.ToLowerInvariant(), null);

    /// <summary>A web-identity or SAML caller, named by its provider (an OIDC provider ARN, or e.g. cognito-identity.amazonaws.com).</summary>
    public static Principal Federated(string provider, bool saml = false) =>
        new(saml ? PrincipalKind.Saml : PrincipalKind.WebIdentity, provider, Matching.Arn.AccountOf(provider));

    /// <summary>A role session, with the role's full ARN when known (its path is not in the session ARN).</summary>
    public static Principal Session(string sessionArn, string roleArn)
    {
        var p = Parse(sessionArn);
        return new Principal(PrincipalKind.AssumedRole, p.Arn, p.AccountId, roleArn);
    }

    public static bool TryParse(string text, out Principal? principal)
    {
        principal = null;
        if (text == "*") { principal = Anonymous; return true; }
        if (text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("arn:", StringComparison.Ordinal))
        {
            principal = Service(text);
            return true;
        }
        if (text.Length == 12 && text.All(char.IsAsciiDigit))
        {
            principal = Root(text);
            return true;
        }
        if (!Matching.Arn.TryParse(text, out var arn) || arn.Account.Length == 0) return false;
        var resource = arn.Resource;
        var slash = resource.IndexOf('/');
        var type = slash < 0 ? resource : resource[..slash];
        principal = (arn.Service, type) switch
        {
            ("iam", "root") => new Principal(PrincipalKind.Root, text, arn.Account),
            ("iam", "user") => new Principal(PrincipalKind.User, text, arn.Account, userName: resource[(resource.LastIndexOf('/') + 1)..]),
            ("iam", "role") => new Principal(PrincipalKind.Role, text, arn.Account),
            ("iam", "oidc-provider") => new Principal(PrincipalKind.WebIdentity, text, arn.Account),
            ("iam", "saml-provider") => new Principal(PrincipalKind.Saml, text, arn.Account),
            ("sts", "assumed-role") when resource.Split('/').Length >= 3 => new Principal(PrincipalKind.AssumedRole, text, arn.Account,
                roleArn: $"arn:{arn.Partition}:iam::{arn.Account}:role/{resource.Split('/')[1]}"),
            ("sts", "federated-user") => new Principal(PrincipalKind.FederatedUser, text, arn.Account),
            _ => null,
        };
        return principal is not null;
    }

    public static Principal Parse(string text) =>
        TryParse(text, out var p) ? p! : throw new ArgumentException($"not a principal ARN, account ID or service principal: '{text}'", nameof(text));

    public bool IsAwsService => Kind == PrincipalKind.Service;

    /// <summary>A service-linked role (or a session of one): AWS's role in the account, under the path /aws-service-role/.</summary>
    public bool IsServiceLinkedRole => PrincipalArnKey.Contains(":role/aws-service-role/", StringComparison.Ordinal);

    /// <summary>The ARN that aws:PrincipalArn reports: the role ARN for a role session.</summary>
    public string PrincipalArnKey => RoleArn ?? Arn;

    public override string ToString() => Arn;
}
