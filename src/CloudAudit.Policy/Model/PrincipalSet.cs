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
                    // A bare account ID names the account in whatever partition the policy lives in: it is kept as
                    // an account, and shown in the commercial partition's ARN form.
                    if (value.Length == 12 && value.All(char.IsAsciiDigit))
                    {
                        aws.Add($"arn:aws:iam::{value}:root");
                        rootAccounts.Add(value);
                    }
                    else
                    {
                        aws.Add(value);
                        if (Matching.Arn.TryParse(value, out var parsed) && parsed.Service == "iam" && parsed.Resource == "root")
                            rootAccounts.Add(parsed.Account);
                    }
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
        if (principal.AccountId is not null && rootAccounts.Contains(principal.AccountId))
            return principal.Kind == PrincipalKind.Root ? PrincipalMatch.Exact : PrincipalMatch.Account;
        return PrincipalMatch.None;
    }

    /// <summary>
    /// Whether a NotPrincipal element names the caller, as AWS documents it: a request is made by the caller and by
    /// every identity above it, and each must be named. A user is spared only with its account (its ARN and the
    /// account root); a role session only with its role and its account (session ARN, role ARN, account root); a
    /// role standing for any of its sessions only when one of its session ARNs is named too. Naming the account alone
    /// spares only the account root, not every principal of the account.
    /// </summary>
    public bool Names(Principal principal)
    {
        if (Everyone) return true;
        switch (principal.Kind)
        {
            case PrincipalKind.Service:
                return services.Contains(principal.Arn);
            case PrincipalKind.WebIdentity or PrincipalKind.Saml:
                return federated.Contains(principal.Arn);
            case PrincipalKind.Anonymous:
                return false;
        }
        var account = principal.AccountId is not null && rootAccounts.Contains(principal.AccountId);
        return principal.Kind switch
        {
            PrincipalKind.Root => account,
            PrincipalKind.Role => account && aws.Contains(principal.Arn) && aws.Any(a => IsSessionOf(a, principal.Arn)),
            PrincipalKind.AssumedRole => account && aws.Contains(principal.Arn) && principal.RoleArn is { } role && aws.Contains(role),
            _ => account && aws.Contains(principal.Arn),
        };
    }

    /// <summary>Whether an ARN is an assumed-role session of the role (arn:P:sts::A:assumed-role/NAME/SESSION for arn:P:iam::A:role/PATH/NAME).</summary>
    static bool IsSessionOf(string arn, string roleArn)
    {
        if (!Matching.Arn.TryParse(arn, out var session) || !Matching.Arn.TryParse(roleArn, out var role)) return false;
        var name = role.Resource[(role.Resource.LastIndexOf('/') + 1)..];
        return session.Service == "sts" && session.Account == role.Account && session.Partition == role.Partition
            && session.Resource.StartsWith($"assumed-role/{name}/", StringComparison.Ordinal);
    }
}
