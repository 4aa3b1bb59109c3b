using System.Text.RegularExpressions;

namespace CloudAudit.Analysis.Graph.Build;

/// <summary>One method of a REST API or route of an HTTP/WebSocket API, as the graph needs it.</summary>
/// <param name="Key">"GET /orders", "$connect".</param>
/// <param name="Authorization">NONE, AWS_IAM, COGNITO_USER_POOLS, CUSTOM, JWT.</param>
internal sealed record ApiRoute(string Key, string Authorization, bool ApiKeyRequired, string? IntegrationType, string? Uri)
{
    /// <summary>No authentication: API keys identify a client for quotas, they do not authenticate it.</summary>
    public bool Unauthenticated => Authorization == "NONE";

    public string Describe() => $"{Key} (authorization {Authorization}{(ApiKeyRequired ? ", API key required: a key identifies a client, it does not authenticate it" : "")})";
}

/// <summary>
/// Follows an API's routes to the Lambda functions they integrate with: api → function (forwards_to) for each route a
/// caller without credentials gets through, proven by the read that lists the route. Integrations whose function is
/// named by a stage variable are resolved with each stage's variables; one that cannot be resolved is a gap.
/// </summary>
internal static partial class ApiRoutes
{
    [GeneratedRegex(@":lambda:path/[^/]+/functions/(?<function>.+)/invocations$")]
    private static partial Regex InvocationUri();

    [GeneratedRegex(@"\$\{stageVariables\.(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex StageVariable();

    /// <summary>
    /// The function an integration URI invokes: the ARN inside an API Gateway Lambda invocation URI
    /// (arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations), or a bare function ARN
    /// (HTTP APIs take one). Null for integrations that are not Lambda functions.
    /// </summary>
    public static string? FunctionOf(string? uri)
    {
        if (uri is null) return null;
        var match = InvocationUri().Match(uri);
        if (match.Success) return match.Groups["function"].Value;
        return uri.StartsWith("arn:", StringComparison.Ordinal) && uri.Contains(":lambda:", StringComparison.Ordinal)
            && uri.Contains(":function:", StringComparison.Ordinal) ? uri : null;
    }

    /// <summary>A function ARN without its version or alias qualifier, and the qualifier.</summary>
    public static (string Function, string? Qualifier) Unqualified(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 7 ? (string.Join(':', parts[..7]), parts[7]) : (arn, null);
    }

    /// <summary>
    /// Adds api → function for each unauthenticated route that integrates with a Lambda function.
    /// <paramref name="stages"/> are the API's stages and their variables (null when they could not be read).
    /// </summary>
    public static void Follow(GraphDraft g, string api, string region, string what, string source, IEnumerable<ApiRoute> routes,
        IReadOnlyList<(string Stage, IReadOnlyDictionary<string, string> Variables)>? stages)
    {
        foreach (var route in routes.Where(r => r.Unauthenticated))
        {
            if (FunctionOf(route.Uri) is not { } function) continue;
            foreach (var resolved in Resolve(g, function, $"{route.Key} of {what}", stages))
                Forward(g, api, what, source, route, Arn(g, region, resolved));
        }
    }

    private static IEnumerable<string> Resolve(GraphDraft g, string function,
        string where, IReadOnlyList<(string Stage, IReadOnlyDictionary<string, string> Variables)>? stages)
    {
        if (!StageVariable().IsMatch(function)) return [function];
        if (stages is null)
        {
            g.Gap($"the Lambda function {where} integrates with ({function})", "it is named by a stage variable and the API's stages were not read");
            return [];
        }
        var resolved = new List<string>();
        foreach (var (stage, variables) in stages)
        {
            var missing = StageVariable().Matches(function).Select(m => m.Groups["name"].Value).Where(n => !variables.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                g.Gap($"the Lambda function {where} integrates with in stage {stage} ({function})", $"stage {stage} does not set {string.Join(", ", missing)}");
                continue;
            }
            resolved.Add(StageVariable().Replace(function, m => variables[m.Groups["name"].Value]));
        }
        return resolved.Distinct(StringComparer.Ordinal);
    }

    /// <summary>A function named without an ARN (a stage variable may hold just the name) is one of the API's own account and region.</summary>
    private static string Arn(GraphDraft g, string region, string function) =>
        function.StartsWith("arn:", StringComparison.Ordinal) ? function : g.Arn("lambda", region, $"function:{function}");

    private static void Forward(GraphDraft g, string api, string what, string source, ApiRoute route, string arn)
    {
        var (function, qualifier) = Unqualified(arn);
        var name = function[(function.LastIndexOf(':') + 1)..];
        var region = function.Split(':') is { Length: > 3 } parts ? parts[3] : "";
        var node = g.Resolve(function) ?? g.Node(function, NodeType.LambdaFunction, name, region);
        var through = qualifier is null ? "" : $", version or alias {qualifier}";
        g.Edge(api, node, EdgeType.ForwardsTo,
            Evidence.Grant(source, $"{what} forwards {route.Describe()} to it ({route.IntegrationType ?? "Lambda"} integration{through})"));
    }
}
