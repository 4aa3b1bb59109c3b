using CloudAudit.Checks.Framework;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Views;

namespace CloudAudit.Checks.Ecs;

/// <summary>
/// A check of the containers of each task definition family's latest ACTIVE revision: older
/// revisions are history, the latest is what new tasks and deployments use.
/// </summary>
public abstract class TaskDefinitionCheck : ResourceCheck<EcsTaskDefinition>
{
    /// <summary>
    /// The current revision as JSON, which <paramref name="jqOptions"/> and <paramref name="edit"/> (a jq
    /// filter over it) turn into a new revision, which is registered.
    /// </summary>
    protected static string ReviseCli(string jqOptions, string edit) => CliFix.ReadEditWrite(
        "aws ecs describe-task-definition --region {region} --task-definition {family} --query taskDefinition",
        "task-definition",
        $"{jqOptions}'{RegisterableFields} | {edit}'",
        "aws ecs register-task-definition --region {region}");

    /// <summary>
    /// Turns describe-task-definition output into register-task-definition input: drops the fields
    /// ECS sets itself, which register-task-definition rejects.
    /// </summary>
    private const string RegisterableFields =
        "del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities, .registeredAt, .registeredBy, .deregisteredAt, .deleteRequestedAt)";

    public override IReadOnlyList<ApiCall> Reads { get; } = [EcsCalls.ListTaskDefinitionFamilies, EcsCalls.DescribeTaskDefinition];

    protected override RegionalList<EcsTaskDefinition> List(CheckContext context) => context.Data.Ecs().TaskDefinitions();

    protected override string NoResources => "no ACTIVE ECS task definitions in the scanned regions";

    protected override string ResourceId(Located<EcsTaskDefinition> definition, CheckContext context) => definition.Resource.TaskDefinitionArn;

    protected override void Judge(Located<EcsTaskDefinition> definition, CheckContext context, Verdict verdict)
    {
        var failing = (definition.Resource.ContainerDefinitions ?? []).Where(Fails).ToList();
        if (failing.Count == 0) return;
        var task = definition.Resource;
        verdict.Fail(task.TaskDefinitionArn, definition.Region,
            $"Task definition {task.Family}:{task.Revision} {Problem} in container(s) {string.Join(", ", failing.Select(c => c.Name))}.",
            new SlotValues()
                .With("family", task.Family)
                .With("container", failing[0].Name)
                .With("image", failing[0].Image ?? "")
                .With("log_group", $"/ecs/{task.Family}"));
    }

    protected abstract bool Fails(EcsContainerDefinition container);

    /// <summary>What is wrong, as a verb phrase: "runs privileged".</summary>
    protected abstract string Problem { get; }
}
