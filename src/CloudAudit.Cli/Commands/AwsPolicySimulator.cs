using System.Text.Json.Nodes;
using CloudAudit.Access.Verification;
using CloudAudit.Transport.Http;

namespace CloudAudit.Cli.Commands;

/// <summary>
/// Proof Mode's line to AWS: <c>iam:SimulatePrincipalPolicy</c> (a read: the transport's read-only guard lets it
/// through) through the scan's own client, its retries and rate limits included. A refused or failed call is an
/// answer without decisions, which Proof Mode reports as "not verified" with the cause.
/// </summary>
public sealed class AwsPolicySimulator(AwsClient client, string region) : IPolicySimulator, IDisposable
{
    /// <summary>A simulator with a client of its own, as the live target's other reads connect (credentials, endpoint, retries).</summary>
    public static AwsPolicySimulator Connect(LiveTarget target, AwsAccess access) =>
        new(AwsClient.Create(target.Settings, target.Credentials, target.HomeRegion,
            options => access.Configure(options with { UserAgent = $"cloud-audit/{VersionCommand.Version}" })), target.HomeRegion);

    public void Dispose() => client.Dispose();

    public async Task<SimulationAnswer> SimulateAsync(SimulationQuestion question, CancellationToken cancellation)
    {
        var input = new JsonObject
        {
            ["PolicySourceArn"] = question.PolicySource,
            ["ActionNames"] = new JsonArray([.. question.Actions.Select(a => (JsonNode)a)]),
        };
        if (question.Resource != "*") input["ResourceArns"] = new JsonArray(question.Resource);
        if (question.Context.Count > 0)
            input["ContextEntries"] = new JsonArray([.. question.Context.Select(e => (JsonNode)new JsonObject
            {
                ["ContextKeyName"] = e.Key,
                ["ContextKeyValues"] = new JsonArray([.. e.Values.Select(v => (JsonNode)v)]),
                ["ContextKeyType"] = e.Type,
            })]);
        if (question.ResourcePolicy is { } policy)
        {
            input["ResourcePolicy"] = policy;
            if (question.ResourceOwner is { } owner) input["ResourceOwner"] = owner;
        }
        var result = await client.ReadAsync("iam", region, "SimulatePrincipalPolicy", input, cancellation);
        if (result.Failure is { } failure)
            return SimulationAnswer.Failed($"iam:SimulatePrincipalPolicy failed: {failure.Code}: {failure.Message}");
        var decisions = (result.Response?["EvaluationResults"] as JsonArray ?? []).OfType<JsonObject>().Select(SimulatedDecision.Parse).ToList();
        return new SimulationAnswer(decisions, result.Incomplete is { } incomplete ? $"iam:SimulatePrincipalPolicy stopped early: {incomplete.Message}" : null);
    }
}
