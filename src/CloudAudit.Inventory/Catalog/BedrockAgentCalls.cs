using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>
/// Bedrock agents in full (service bedrock-agent), for the security graph: each agent's role and model, its action
/// groups (the Lambda functions it calls) and its knowledge bases (their roles and S3 data sources). Action groups and
/// knowledge bases are read at the working draft (DRAFT), the version every alias is prepared from.
/// </summary>
public static class BedrockAgentCalls
{
    private const string Service = "bedrock-agent";
    public const string WorkingDraft = "DRAFT";

    public static readonly ApiCall GetAgent = ApiCall.PerResource(BedrockCalls.ListAgents, Service, "GetAgent", parent =>
        AgentIds(parent).Select(id => Target(parent.Region, ("agentId", id))));

    public static readonly ApiCall ListAgentActionGroups = ApiCall.PerResource(BedrockCalls.ListAgents, Service, "ListAgentActionGroups", parent =>
        AgentIds(parent).Select(id => Target(parent.Region, ("agentId", id), ("agentVersion", WorkingDraft))));

    public static readonly ApiCall GetAgentActionGroup = ApiCall.PerResource(ListAgentActionGroups, Service, "GetAgentActionGroup", parent =>
        Items(parent.Response, "actionGroupSummaries").Select(g => g.Str("actionGroupId")).OfType<string>()
            .Select(group => Target(parent.Region, ("agentId", parent.Parameters.Str("agentId")), ("agentVersion", WorkingDraft), ("actionGroupId", group))));

    public static readonly ApiCall ListAgentKnowledgeBases = ApiCall.PerResource(BedrockCalls.ListAgents, Service, "ListAgentKnowledgeBases", parent =>
        AgentIds(parent).Select(id => Target(parent.Region, ("agentId", id), ("agentVersion", WorkingDraft))));

    public static readonly ApiCall GetKnowledgeBase = ApiCall.PerResource(ListAgentKnowledgeBases, Service, "GetKnowledgeBase", parent =>
        KnowledgeBaseIds(parent).Select(id => Target(parent.Region, ("knowledgeBaseId", id))));

    public static readonly ApiCall ListDataSources = ApiCall.PerResource(ListAgentKnowledgeBases, Service, "ListDataSources", parent =>
        KnowledgeBaseIds(parent).Select(id => Target(parent.Region, ("knowledgeBaseId", id))));

    public static readonly ApiCall GetDataSource = ApiCall.PerResource(ListDataSources, Service, "GetDataSource", parent =>
        Items(parent.Response, "dataSourceSummaries").Select(s => s.Str("dataSourceId")).OfType<string>()
            .Select(source => Target(parent.Region, ("knowledgeBaseId", parent.Parameters.Str("knowledgeBaseId")), ("dataSourceId", source))));

    /// <summary>Every read the graph needs for the agents a ListAgents call finds.</summary>
    public static IReadOnlyList<ApiCall> All { get; } =
        [GetAgent, ListAgentActionGroups, GetAgentActionGroup, ListAgentKnowledgeBases, GetKnowledgeBase, ListDataSources, GetDataSource];

    private static IEnumerable<string> AgentIds(ParentResponse parent) =>
        Items(parent.Response, "agentSummaries").Select(a => a.Str("agentId")).OfType<string>();

    private static IEnumerable<string> KnowledgeBaseIds(ParentResponse parent) =>
        Items(parent.Response, "agentKnowledgeBaseSummaries").Select(k => k.Str("knowledgeBaseId")).OfType<string>();
}
