using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CloudAudit.Inventory.Catalog;
using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Views;

public sealed record AgentGuardrailConfiguration([property: JsonPropertyName("guardrailIdentifier")] string? GuardrailIdentifier);

public sealed record BedrockAgent(
    [property: JsonPropertyName("agentId")] string AgentId,
    [property: JsonPropertyName("agentName")] string AgentName,
    [property: JsonPropertyName("agentArn")] string AgentArn,
    [property: JsonPropertyName("agentStatus")] string? AgentStatus,
    [property: JsonPropertyName("foundationModel")] string? FoundationModel,
    [property: JsonPropertyName("agentResourceRoleArn")] string? AgentResourceRoleArn,
    [property: JsonPropertyName("guardrailConfiguration")] AgentGuardrailConfiguration? GuardrailConfiguration);

public sealed record GetAgentResponse([property: JsonPropertyName("agent")] BedrockAgent? Agent);

public sealed record ActionGroupSummary([property: JsonPropertyName("actionGroupId")] string ActionGroupId);

public sealed record ListAgentActionGroupsResponse([property: JsonPropertyName("actionGroupSummaries")] List<ActionGroupSummary>? ActionGroupSummaries);

public sealed record ActionGroupExecutor(
    [property: JsonPropertyName("lambda")] string? Lambda,
    [property: JsonPropertyName("customControl")] string? CustomControl);

public sealed record AgentActionGroup(
    [property: JsonPropertyName("actionGroupId")] string ActionGroupId,
    [property: JsonPropertyName("actionGroupName")] string ActionGroupName,
    [property: JsonPropertyName("actionGroupState")] string? ActionGroupState,
    [property: JsonPropertyName("actionGroupExecutor")] ActionGroupExecutor? ActionGroupExecutor);

public sealed record GetAgentActionGroupResponse([property: JsonPropertyName("agentActionGroup")] AgentActionGroup? AgentActionGroup);

public sealed record AgentKnowledgeBaseSummary(
    [property: JsonPropertyName("knowledgeBaseId")] string KnowledgeBaseId,
    [property: JsonPropertyName("knowledgeBaseState")] string? KnowledgeBaseState);

public sealed record ListAgentKnowledgeBasesResponse(
    [property: JsonPropertyName("agentKnowledgeBaseSummaries")] List<AgentKnowledgeBaseSummary>? AgentKnowledgeBaseSummaries);

public sealed record KnowledgeBase(
    [property: JsonPropertyName("knowledgeBaseId")] string KnowledgeBaseId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("knowledgeBaseArn")] string KnowledgeBaseArn,
    [property: JsonPropertyName("roleArn")] string? RoleArn);

public sealed record GetKnowledgeBaseResponse([property: JsonPropertyName("knowledgeBase")] KnowledgeBase? KnowledgeBase);

public sealed record DataSourceSummary([property: JsonPropertyName("dataSourceId")] string DataSourceId);

public sealed record ListDataSourcesResponse([property: JsonPropertyName("dataSourceSummaries")] List<DataSourceSummary>? DataSourceSummaries);

public sealed record S3DataSourceConfiguration([property: JsonPropertyName("bucketArn")] string? BucketArn);

public sealed record DataSourceConfiguration(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("s3Configuration")] S3DataSourceConfiguration? S3Configuration);

public sealed record DataSource(
    [property: JsonPropertyName("dataSourceId")] string DataSourceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("dataSourceConfiguration")] DataSourceConfiguration? DataSourceConfiguration);

public sealed record GetDataSourceResponse([property: JsonPropertyName("dataSource")] DataSource? DataSource);

/// <summary>A knowledge base an agent retrieves from, with its data sources (those that could be read).</summary>
public sealed record AgentKnowledgeBase(KnowledgeBase KnowledgeBase, IReadOnlyList<DataSource> DataSources);

/// <summary>Bedrock agents in full, as the security graph sees them.</summary>
public sealed class BedrockAgentView(AccountData data)
{
    private static readonly (string Name, string? Value) Draft = ("agentVersion", BedrockAgentCalls.WorkingDraft);

    /// <summary>Every agent the regions list.</summary>
    public RegionalList<AgentSummary> Agents() =>
        data.ListInEveryRegion(BedrockCalls.ListAgents, BedrockJson.Default.ListAgentsResponse, r => r.AgentSummaries);

    /// <summary>A listed agent in full (GetAgent).</summary>
    public Observed<BedrockAgent> Agent(Located<AgentSummary> agent)
    {
        var read = Read(BedrockAgentCalls.GetAgent, Target(agent.Region, ("agentId", agent.Resource.AgentId)), BedrockAgentJson.Default.GetAgentResponse);
        return read.TryGet(out var response, out var gap)
            ? response.Agent is { } value ? Observed<BedrockAgent>.Of(value) : Observed<BedrockAgent>.Missing(new DataGap(agent.Region, "bedrock-agent", "GetAgent", null, null, "the answer holds no agent"))
            : Observed<BedrockAgent>.Missing(gap!);
    }

    /// <summary>The agent's action groups at its working draft.</summary>
    public Gathered<AgentActionGroup> ActionGroups(Located<AgentSummary> agent)
    {
        var list = Read(BedrockAgentCalls.ListAgentActionGroups, Target(agent.Region, ("agentId", agent.Resource.AgentId), Draft),
            BedrockAgentJson.Default.ListAgentActionGroupsResponse);
        if (!list.TryGet(out var groups, out var gap)) return new([], [gap!]);
        return Each(groups.ActionGroupSummaries ?? [], g => Read(BedrockAgentCalls.GetAgentActionGroup,
            Target(agent.Region, ("agentId", agent.Resource.AgentId), Draft, ("actionGroupId", g.ActionGroupId)),
            BedrockAgentJson.Default.GetAgentActionGroupResponse), r => r.AgentActionGroup);
    }

    /// <summary>The knowledge bases associated with the agent's working draft, each with its data sources.</summary>
    public Gathered<AgentKnowledgeBase> KnowledgeBases(Located<AgentSummary> agent)
    {
        var list = Read(BedrockAgentCalls.ListAgentKnowledgeBases, Target(agent.Region, ("agentId", agent.Resource.AgentId), Draft),
            BedrockAgentJson.Default.ListAgentKnowledgeBasesResponse);
        if (!list.TryGet(out var bases, out var gap)) return new([], [gap!]);
        var found = new List<AgentKnowledgeBase>();
        var gaps = new List<DataGap>();
        foreach (var summary in bases.AgentKnowledgeBaseSummaries ?? [])
        {
            var id = summary.KnowledgeBaseId;
            var kb = Read(BedrockAgentCalls.GetKnowledgeBase, Target(agent.Region, ("knowledgeBaseId", id)), BedrockAgentJson.Default.GetKnowledgeBaseResponse);
            if (!kb.TryGet(out var response, out var kbGap) || response.KnowledgeBase is not { } knowledgeBase)
            {
                if (kbGap is not null) gaps.Add(kbGap);
                continue;
            }
            var sources = Read(BedrockAgentCalls.ListDataSources, Target(agent.Region, ("knowledgeBaseId", id)), BedrockAgentJson.Default.ListDataSourcesResponse);
            if (!sources.TryGet(out var listed, out var sourcesGap))
            {
                gaps.Add(sourcesGap!);
                found.Add(new AgentKnowledgeBase(knowledgeBase, []));
                continue;
            }
            var details = Each(listed.DataSourceSummaries ?? [], s => Read(BedrockAgentCalls.GetDataSource,
                Target(agent.Region, ("knowledgeBaseId", id), ("dataSourceId", s.DataSourceId)), BedrockAgentJson.Default.GetDataSourceResponse), r => r.DataSource);
            gaps.AddRange(details.Gaps);
            found.Add(new AgentKnowledgeBase(knowledgeBase, details.Items));
        }
        return new(found, gaps);
    }

    private Observed<T> Read<T>(ApiCall call, CallTarget target, JsonTypeInfo<T> type) where T : class =>
        ViewJson.Read(data.ForTarget(call, target), type);

    private static Gathered<TOut> Each<TIn, TResponse, TOut>(IEnumerable<TIn> items, Func<TIn, Observed<TResponse>> read, Func<TResponse, TOut?> select)
        where TResponse : class where TOut : class
    {
        var found = new List<TOut>();
        var gaps = new List<DataGap>();
        foreach (var item in items)
        {
            if (read(item).TryGet(out var response, out var gap)) { if (select(response) is { } value) found.Add(value); }
            else gaps.Add(gap!);
        }
        return new(found, gaps);
    }
}

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(GetAgentResponse))]
[JsonSerializable(typeof(ListAgentActionGroupsResponse))]
[JsonSerializable(typeof(GetAgentActionGroupResponse))]
[JsonSerializable(typeof(ListAgentKnowledgeBasesResponse))]
[JsonSerializable(typeof(GetKnowledgeBaseResponse))]
[JsonSerializable(typeof(ListDataSourcesResponse))]
[JsonSerializable(typeof(GetDataSourceResponse))]
internal sealed partial class BedrockAgentJson : JsonSerializerContext;
