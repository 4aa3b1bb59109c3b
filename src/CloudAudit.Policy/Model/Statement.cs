using CloudAudit.Policy.Conditions;
using CloudAudit.Policy.Matching;

namespace CloudAudit.Policy.Model;

public enum Effect { Allow, Deny }

/// <summary>A resource entry of a Resource/NotResource element; compiled unless it holds policy variables.</summary>
public sealed class ResourcePattern
{
    readonly ArnPattern? compiled;
    public PolicyTemplate Template { get; }

    public ResourcePattern(string text, bool variablesEnabled)
    {
        Template = PolicyTemplate.Parse(text, variablesEnabled);
        if (!Template.HasVariables) compiled = ArnPattern.Compile(text);
    }

    public string Text => Template.Source;
    public bool MatchesEverything => compiled?.MatchesEverything == true;

    public bool IsMatch(string resource, IContextValues context)
    {
        if (compiled is not null) return compiled.IsMatch(resource);
        // A variable with no value makes the entry match nothing.
        var parts = Template.Resolve(context);
        return parts is not null && ArnPattern.FromParts(parts).IsMatch(resource);
    }
}

/// <summary>One statement of a policy, with everything compiled for evaluation.</summary>
public sealed class Statement
{
    public required int Index { get; init; }
    public string? Sid { get; init; }
    public required Effect Effect { get; init; }
    /// <summary>Principal or NotPrincipal; null in policies that have none (identity, boundary, SCP, session).</summary>
    public PrincipalSet? Principals { get; init; }
    public bool NotPrincipal { get; init; }
    // Arrays behind the element lists: the hot path indexes them without enumerator allocations.
    readonly ActionPattern[] actions = [];
    readonly ResourcePattern[]? resources;
    readonly ConditionClause[] conditions = [];

    public required IReadOnlyList<ActionPattern> Actions { get => actions; init => actions = [.. value]; }
    public bool NotAction { get; init; }

    ServiceMask? services;
    internal ServiceMask Services => services ??= ServiceMask.ForStatement(actions, NotAction);
    /// <summary>Resource or NotResource entries; null when the statement has neither (trust policies).</summary>
    public IReadOnlyList<ResourcePattern>? Resources { get => resources; init => resources = value is null ? null : [.. value]; }
    public bool NotResource { get; init; }
    public IReadOnlyList<ConditionClause> Conditions { get => conditions; init => conditions = [.. value]; }

    public bool MatchesAction(ActionName action)
    {
        if (!Services.MayMatch(action.ServiceId)) return NotAction;
        var any = false;
        foreach (var pattern in actions)
            if (pattern.IsMatch(action)) { any = true; break; }
        return any != NotAction;
    }

    public bool MatchesResource(string resource, IContextValues context)
    {
        if (resources is null) return true;
        var any = false;
        foreach (var pattern in resources)
            if (pattern.IsMatch(resource, context)) { any = true; break; }
        return any != NotResource;
    }

    /// <summary>How the statement's Principal element covers the caller; Exact when the policy kind has none.</summary>
    public PrincipalMatch MatchPrincipal(Principal principal)
    {
        if (Principals is null) return PrincipalMatch.Exact;
        if (!NotPrincipal) return Principals.Match(principal);
        // NotPrincipal applies to everyone it does not name; it grants no better than a wildcard.
        return Principals.Names(principal) ? PrincipalMatch.None : PrincipalMatch.Wildcard;
    }

    public bool ConditionsHold(IContextValues context)
    {
        foreach (var clause in conditions)
            if (!clause.Evaluate(context)) return false;
        return true;
    }

    public override string ToString() => Sid is null ? $"#{Index}" : $"#{Index} ({Sid})";
}
