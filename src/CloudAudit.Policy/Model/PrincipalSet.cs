namespace CloudAudit.Policy.Model;

/// <summary>How a Principal element names the caller: this decides which other policies still apply.</summary>
public enum PrincipalMatch
{
    None,
    /// <summary>Names the caller's account: the account's own IAM policies must also allow.</summary>
    Account,
    /// <summary>Matches through <c>*</c> or the role ARN of a session: boundaries and session policies still limit.</summary>
    Wildcard,
    Role,
    /// <summary>Names the IAM user ARN, the role session ARN or the federated user directly.</summary>
    Exact,
}

/// <summary>A Principal or NotPrincipal element, normalised: account IDs become root ARNs.</summary>
public sealed class PrincipalSet
{
    readonly HashSet<string> aws = new(StringComparer.Ordinal);
    readonly HashSet<string> services = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> federated = new(StringComparer.OrdinalIgnoreCase);
    readonly HashSet<string> canonicalUsers = new(StringComparer.Ordinal);
    readonly HashSet<string> rootAccounts = new(StringComparer.Ordinal);

    /// <summary><c>"Principal": "*"</c> or <c>{"AWS": "*"}</c>: everyone, including anonymous callers.</summary>
    public bool Everyone { get; private set; }
    public IReadOnlyCollection<string> Aws => aws;
    public IReadOnlyCollection<string> Services => services;
    public IReadOnlyCollection<string> Federated => federated;
    public IReadOnlyCollection<string> CanonicalUsers => canonicalUsers;

    internal void AddEveryone() => Everyone = true;

    internal void Add(string type, string value)
    {
        switch (type)
        {
            case "AWS":
                if (value == "*") Everyone = true;
                else
                {
                    var arn = value.Length == 12 && value.All(char.IsAsciiDigit) ? $"arn:aws:iam::{value}:root" : value;
                    aws.Add(arn);
                    if (Matching.Arn.TryParse(arn, out var parsed) && parsed.Service == "iam" && parsed.Resource == "root")
                        rootAccounts.Add(parsed.Account);
                }
                break;
            case "Service": services.Add(value); break;
            case "Federated": federated.Add(value); break;
            case "CanonicalUser": canonicalUsers.Add(value); break;
        }
    }

    /// <summary>Accounts named by this set (from ARNs and account IDs).</summary>
    public IEnumerable<string> Accounts =>
        aws.Select(Matching.Arn.AccountOf).Where(a => a is not null).Select(a => a!).Distinct();

    public PrincipalMatch Match(Principal principal)
    {
        if (Everyone) return PrincipalMatch.Wildcard;
        switch (principal.Kind)
        {
            case PrincipalKind.Service:
                return services.Contains(principal.Arn) ? PrincipalMatch.Exact : PrincipalMatch.None;
            case PrincipalKind.WebIdentity or PrincipalKind.Saml:
                return federated.Contains(principal.Arn) ? PrincipalMatch.Exact : PrincipalMatch.None;
            case PrincipalKind.Anonymous:
                return PrincipalMatch.None;
        }
        if (aws.Contains(principal.Arn)) return principal.Kind == PrincipalKind.Role ? PrincipalMatch.Role : PrincipalMatch.Exact;
        if (principal.RoleArn is not null && aws.Contains(principal.RoleArn)) return PrincipalMatch.Role;
        if (principal.AccountId is not null && rootAccounts.Contains(principal.AccountId)) return PrincipalMatch.Account;
        return PrincipalMatch.None;
    }
}
