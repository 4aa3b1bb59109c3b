using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Access.Principals;

public enum IamEntityKind { User, Group, Role }

/// <summary>A policy as attached to an entity: managed (with its ARN) or inline (with its name).</summary>
public sealed record IamPolicyAttachment(string? ManagedArn, string Name, PolicyDocument Document)
{
    public bool Inline => ManagedArn is null;
}

/// <summary>
/// A user, group or role with its policies parsed. For users and roles (<see cref="IsPrincipal"/>) the
/// <see cref="Policies"/> set holds every identity policy that applies (a user's groups included) and the
/// permissions boundary, ready for the evaluator.
/// </summary>
public sealed class IamEntity
{
    public required IamEntityKind Kind { get; init; }
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public string Path { get; init; } = "/";
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
    /// <summary>Policies attached to this entity itself (not through groups).</summary>
    public required IReadOnlyList<IamPolicyAttachment> OwnPolicies { get; init; }
    /// <summary>For users: the groups they belong to.</summary>
    public IReadOnlyList<IamEntity> Groups { get; init; } = [];
    public PolicyDocument? Boundary { get; init; }
    /// <summary>For roles: the trust policy.</summary>
    public PolicyDocument? Trust { get; init; }
    /// <summary>For roles: the trust policy as stored, for fixes that edit it.</summary>
    public string? TrustText { get; init; }
    /// <summary>For roles: whether an instance profile holds the role (EC2 can only run with roles in one).</summary>
    public bool InInstanceProfile { get; init; }
    /// <summary>For roles: the ARNs of the instance profiles that hold the role.</summary>
    public IReadOnlyList<string> InstanceProfileArns { get; init; } = [];
    /// <summary>Why the entity cannot be evaluated (a policy missing or unreadable); null when it can.</summary>
    public string? Unassessable { get; init; }

    public bool IsPrincipal => Kind != IamEntityKind.Group;
    /// <summary>Roles AWS creates and controls for a service: their policies are not the customer's to change.</summary>
    public bool IsServiceLinked => Kind == IamEntityKind.Role && Path.StartsWith("/aws-service-role/", StringComparison.Ordinal);
    /// <summary>Roles IAM Identity Center provisions from permission sets; they are managed there.</summary>
    public bool IsIdentityCenterRole => Kind == IamEntityKind.Role && Path.StartsWith("/aws-reserved/sso.amazonaws.com/", StringComparison.Ordinal);

    /// <summary>Every identity policy that applies: own, then each group's.</summary>
    public IEnumerable<IamPolicyAttachment> EffectivePolicies => OwnPolicies.Concat(Groups.SelectMany(g => g.OwnPolicies));

    private PolicySet? _policies;
    public PolicySet Policies => _policies ??= new PolicySet
    {
        Identity = [.. EffectivePolicies.Select(p => p.Document).Distinct()],
        PermissionsBoundary = Boundary,
    };

    private Principal? _caller;
    /// <summary>The entity as the caller of a request.</summary>
    public Principal Caller => _caller ??= Principal.Parse(Arn);

    public string KindLabel => Kind switch { IamEntityKind.User => "user", IamEntityKind.Group => "group", _ => "role" };

    public override string ToString() => $"{KindLabel} {Name}";
}
