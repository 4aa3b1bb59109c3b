namespace CloudAudit.Access.Escalation;

/// <summary>How far the scan can decide a path from what it reads.</summary>
public enum PathDecision
{
    /// <summary>Every permission and target is decided on what the scan reads (policies, principals, trusts, functions).</summary>
    Decided,
    /// <summary>The path needs an existing resource the scan does not read (which instance or stack runs as which role).</summary>
    NeedsPrecondition,
    /// <summary>An outside party (another account, anyone) takes the path: decided on the assume-role graph, not walked.</summary>
    OutsideParty,
}

/// <summary>One path's status (docs/policy-engine.md lists them all; a test keeps the list in step with the models).</summary>
public sealed record PathStatus(string Id, string Name, PathDecision Decision, string Basis)
{
    /// <summary>Every modelled path, by ID.</summary>
    public static IReadOnlyList<PathStatus> All { get; } =
        [.. PathModels.All.OrderBy(m => m.Id, StringComparer.Ordinal).Select(Of)];

    public string DecisionText => Decision switch
    {
        PathDecision.Decided => "decided",
        PathDecision.NeedsPrecondition => "needs precondition",
        _ => "decided (outside party)",
    };

    public static PathStatus Of(PathModel model)
    {
        var path = model.Catalogue;
        var (decision, basis) = model.Shape switch
        {
            PathShape.SelfEdit => (PathDecision.Decided, "its own policies, groups and attached customer managed policies"),
            PathShape.JoinGroup => (PathDecision.Decided, "the account's other groups and their policies"),
            PathShape.LiftLimit => (PathDecision.Decided, model.Lifts switch
            {
                Limit.OtherVersion => "the stored versions of its customer managed policies",
                Limit.Boundary or Limit.WiderBoundary => "its permissions boundary",
                _ => "its policies with Deny statements",
            } + (model.TargetKind == Principals.IamEntityKind.Role ? ", on each role whose trust policy it passes" : "")),
            PathShape.EditOther => (PathDecision.Decided, "the account's other users or roles, their policies and trust policies"),
            PathShape.Become => (PathDecision.Decided, model.TargetKind == Principals.IamEntityKind.User
                ? "the account's other users and their policies" : "the account's roles, their policies and trust policies"),
            PathShape.OutsideTrust => (PathDecision.OutsideParty, "trust policies that admit anyone or another account, with what that side needs"),
            _ when model.Existing == ExistingSource.LambdaFunctions => (PathDecision.Decided, "the Lambda functions and their execution roles (ListFunctions, every scanned region)"),
            _ when model.Steps.FirstOrDefault(s => s.On == On.ExistingResource) is { } existing => (PathDecision.NeedsPrecondition,
                $"an existing {existing.ResourceType ?? "resource"} (the scan does not read which exist, nor which role each runs as): counted only "
                + $"when the grant covers every {existing.ResourceType ?? "resource"}, for each role {model.Service} may assume{InstanceProfile(model)}"),
            _ => (PathDecision.Decided, model.FederatedTrust
                ? $"roles that web identities of {model.Service} may assume"
                : $"roles {model.Service} may assume{InstanceProfile(model)}, passed with iam:PassedToService"),
        };
        return new PathStatus(model.Id, path.Name, decision, path.Retired is null ? basis : $"{basis} (retired from pathfinding.cloud; kept)");
    }

    private static string InstanceProfile(PathModel model) => model.NeedsInstanceProfile ? " held by an instance profile" : "";
}
