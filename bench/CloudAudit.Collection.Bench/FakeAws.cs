using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudAudit.Collection.Bench;

/// <summary>What the fake AWS holds and how it behaves.</summary>
/// <param name="RatePerSecond">Requests per second each (service, region) accepts before it throttles; 0 for no limit.</param>
/// <param name="Buckets">S3 buckets ListBuckets names beside the trails' (spread over the regions), each read six ways.</param>
/// <param name="Users">IAM users ListUsers names (100 a page), each read three ways.</param>
public sealed record FakeAccount(IReadOnlyList<string> Regions, int TrailsPerRegion, int LogGroupsPerRegion, int AlarmsPerRegion,
    int FiltersPerLogGroup, TimeSpan Latency, double RatePerSecond, int Buckets = 0, int Users = 0)
{
    public const string AccountId = "123456789012";

    /// <summary>
    /// The access key an organization bench signs one account's requests with: the fake AWS answers GetCallerIdentity
    /// with that account and throttles each account apart, as AWS does.
    /// </summary>
    public static string AccessKeyOf(string accountId) => "AKIB" + accountId;
    public const int LogGroupsPerPage = 50;
    public const int AlarmsPerPage = 100;
    public const int Topics = 20;
    public const int UsersPerPage = 100;

    public int Trails => Regions.Count * TrailsPerRegion;
    public long Resources => Trails + (long)Regions.Count * (LogGroupsPerRegion + AlarmsPerRegion) + (long)Trails * FiltersPerLogGroup + Topics
        + Buckets + Users;
}

/// <summary>
/// A fake AWS endpoint on loopback HTTP that speaks just enough of the json, query, ec2, rest-xml and rest-json
/// protocols for the reads the shipped checks declare, with a fixed latency per request and per-(service, region)
/// throttling (per account too, when requests are signed with <see cref="FakeAccount.AccessKeyOf"/>). Records every
/// first-page request, so duplicates can be counted.
/// </summary>
public sealed partial class FakeAws : IDisposable
{
    private readonly FakeAccount account;
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<(string, string, string), TokenBucket> buckets = new();
    private readonly Task serving;

    public FakeAws(FakeAccount account, int port)
    {
        this.account = account;
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.ToString());
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>First-page requests by (service, region, operation, request body or path): more than one is a duplicate.</summary>
    public ConcurrentDictionary<string, int> FirstPages { get; } = new();

    public long Requests;
    public long Throttled;

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            body = await reader.ReadToEndAsync();
        var scope = Scope().Match(request.Headers["Authorization"] ?? "");
        var (region, service) = (scope.Groups[1].Value, scope.Groups[2].Value);
        var caller = CallerKey().Match(request.Headers["Authorization"] ?? "") is { Success: true } key ? key.Groups[1].Value : FakeAccount.AccountId;
        Interlocked.Increment(ref Requests);

        Answer answer;
        if (account.RatePerSecond > 0 && !buckets.GetOrAdd((caller, service, region), _ => new TokenBucket(account.RatePerSecond)).TryTake())
        {
            Interlocked.Increment(ref Throttled);
            answer = Throttling(service);
        }
        else
        {
            // Answers are replayed from memory once built (the same request gets the same answer, whichever account
            // asks, but for the caller's identity), so the fake's own cost stays out of the scanner's figures.
            var replayKey = $"{service} {region} {request.HttpMethod} {request.Url!.PathAndQuery} {request.Headers["X-Amz-Target"]} {body}";
            if (!answers.TryGetValue(replayKey, out var routed))
            {
                routed = Route(service, region, request, body, caller);
                if (routed.Answer.Replayable)
                    answers.TryAdd(replayKey, routed);
            }
            if (routed.FirstPage is { } firstPage)
                FirstPages.AddOrUpdate(firstPage, 1, (_, n) => n + 1);
            answer = routed.Answer;
        }
        var remaining = account.Latency - Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
            await Task.Delay(remaining);
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers ?? [])
            response.Headers[name] = value;
        response.ContentLength64 = answer.Bytes.Length;
        await response.OutputStream.WriteAsync(answer.Bytes);
        response.Close();
    }

    private sealed record Answer(int Status, string ContentType, string Body, Dictionary<string, string>? Headers = null)
    {
        public byte[] Bytes { get; } = Encoding.UTF8.GetBytes(Body);
        /// <summary>False for an answer that names the caller: it is built for each request.</summary>
        public bool Replayable { get; init; } = true;
    }

    /// <summary>An answer, and the first-page key it counts under (null for a later page).</summary>
    private sealed record Routed(Answer Answer, string? FirstPage);

    private readonly ConcurrentDictionary<string, Routed> answers = new(StringComparer.Ordinal);

    private Routed Route(string service, string region, HttpListenerRequest request, string body, string caller)
    {
        string? firstPage = null;
        var answer = Respond(service, region, request, body, caller, (operation, first, text) => firstPage = first ? $"{service} {region} {operation} {text}" : null);
        return new Routed(answer, firstPage);
    }

    private Answer Respond(string service, string region, HttpListenerRequest request, string body, string caller, Action<string, bool, string> recordFirstPage)
    {
        if (request.Headers["X-Amz-Target"] is { } target)
        {
            var operation = target[(target.LastIndexOf('.') + 1)..];
            var input = JsonNode.Parse(body.Length == 0 ? "{}" : body)!.AsObject();
            recordFirstPage(operation, input["nextToken"] is null, body);
            return Json(operation switch
            {
                "DescribeTrails" => DescribeTrails(),
                "GetTrailStatus" => new JsonObject { ["IsLogging"] = true },
                "GetEventSelectors" => GetEventSelectors((string)input["TrailName"]!),
                "DescribeMetricFilters" => DescribeMetricFilters((string)input["logGroupName"]!),
                "DescribeLogGroups" => DescribeLogGroups(region, (string?)input["logGroupNamePrefix"], (string?)input["nextToken"]),
                _ => new JsonObject(),
            });
        }
        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true)
        {
            var form = body.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]),
                p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
            var operation = form["Action"];
            recordFirstPage(operation, !form.ContainsKey("NextToken") && !form.ContainsKey("Marker"), Regex.Replace(body, "&(NextToken|Marker)=[^&]*", ""));
            return operation switch
            {
                "GetCallerIdentity" => Query("https://sts.amazonaws.com/doc/2011-06-15/", operation,
                    $"<Account>{caller}</Account><Arn>arn:aws:iam::{caller}:user/bench</Arn><UserId>AIDABENCH</UserId>") with { Replayable = false },
                "DescribeAlarms" => Query("http://monitoring.amazonaws.com/doc/2010-08-01/", operation, DescribeAlarms(region, form.GetValueOrDefault("NextToken"))),
                "ListSubscriptionsByTopic" => Query("http://sns.amazonaws.com/doc/2010-03-31/", operation,
                    $"<Subscriptions><member><TopicArn>{form["TopicArn"]}</TopicArn><Protocol>email</Protocol><Owner>{FakeAccount.AccountId}</Owner>"
                    + $"<SubscriptionArn>{form["TopicArn"]}:0f6e7d8c</SubscriptionArn><Endpoint>security@example.com</Endpoint></member></Subscriptions>"),
                "ListUsers" => Query("https://iam.amazonaws.com/doc/2010-05-08/", operation, ListUsers(form.GetValueOrDefault("Marker"))),
                "DescribeFlowLogs" => new Answer(200, "text/xml",
                    "<DescribeFlowLogsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId><flowLogSet/></DescribeFlowLogsResponse>"),
                _ => Query("http://example.com/", operation, ""),
            };
        }
        // REST: S3 bucket reads (path style), s3control, Security Hub, and the other REST-JSON services (empty).
        recordFirstPage(request.HttpMethod, true, request.Url!.PathAndQuery);
        var query = request.Url!.Query;
        if (service == "securityhub")
            return Json(new JsonObject { ["HubArn"] = $"arn:aws:securityhub:{region}:{FakeAccount.AccountId}:hub/default", ["SubscribedAt"] = "2025-01-01T00:00:00.000Z" });
        // Every other REST service of the catalogue speaks JSON: an empty answer is "nothing of that kind here",
        // so its reads cost one request each instead of failing and being retried.
        if (service is not ("s3" or "s3control"))
            return Json(new JsonObject());
        if (request.Url.AbsolutePath == "/")
            return Xml(ListBuckets());
        if (BucketSetting(query) is { } setting)
            return setting;
        if (query.Contains("location", StringComparison.Ordinal))
            return Xml($"<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">{BucketRegion(request.Url.AbsolutePath)}</LocationConstraint>");
        if (query.Contains("logging", StringComparison.Ordinal))
            return Xml("<BucketLoggingStatus xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LoggingEnabled><TargetBucket>access-logs</TargetBucket><TargetPrefix>t/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>");
        return Xml("<PublicAccessBlockConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
            + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
    }

    /// <summary>Bucket trail-R-T-bucket lives in region R.</summary>
    private string BucketRegion(string path) =>
        account.Regions[int.Parse(path.TrimStart('/').Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)];

    private JsonObject DescribeTrails()
    {
        // Every trail is multi-region, so every region lists all of them (shadow trails): the collector must read each once.
        var trails = new JsonArray();
        for (var r = 0; r < account.Regions.Count; r++)
        {
            var home = account.Regions[r];
            for (var t = 0; t < account.TrailsPerRegion; t++)
            {
                var name = $"trail-{r}-{t}";
                trails.Add(new JsonObject
                {
                    ["Name"] = name,
                    ["TrailARN"] = $"arn:aws:cloudtrail:{home}:{FakeAccount.AccountId}:trail/{name}",
                    ["HomeRegion"] = home,
                    ["IsMultiRegionTrail"] = true,
                    ["LogFileValidationEnabled"] = true,
                    ["S3BucketName"] = $"{name}-bucket",
                    ["KmsKeyId"] = $"arn:aws:kms:{home}:{FakeAccount.AccountId}:key/0000",
                    ["CloudWatchLogsLogGroupArn"] = $"arn:aws:logs:{home}:{FakeAccount.AccountId}:log-group:{name}-logs:*",
                });
            }
        }
        return new JsonObject { ["trailList"] = trails };
    }

    private static JsonObject GetEventSelectors(string trailArn) => new()
    {
        ["TrailARN"] = trailArn,
        ["EventSelectors"] = new JsonArray(new JsonObject { ["ReadWriteType"] = "All", ["IncludeManagementEvents"] = true, ["DataResources"] = new JsonArray() }),
    };

    private JsonObject DescribeMetricFilters(string logGroup)
    {
        var filters = new JsonArray();
        for (var f = 0; f < account.FiltersPerLogGroup; f++)
            filters.Add(new JsonObject
            {
                ["filterName"] = $"filter-{f}",
                ["filterPattern"] = $"{{ ($.eventName = \"Event{f}\") }}",
                ["logGroupName"] = logGroup,
                ["metricTransformations"] = new JsonArray(new JsonObject { ["metricName"] = $"metric-{f}", ["metricNamespace"] = "Bench", ["metricValue"] = "1" }),
            });
        return new JsonObject { ["metricFilters"] = filters };
    }

    private JsonObject DescribeLogGroups(string region, string? prefix, string? token)
    {
        var groups = new JsonArray();
        if (prefix is not null)
        {
            groups.Add(LogGroup(region, prefix));
            return new JsonObject { ["logGroups"] = groups };
        }
        var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var end = Math.Min(start + FakeAccount.LogGroupsPerPage, account.LogGroupsPerRegion);
        for (var g = start; g < end; g++)
            groups.Add(LogGroup(region, $"/app/group-{g}"));
        var page = new JsonObject { ["logGroups"] = groups };
        if (end < account.LogGroupsPerRegion)
            page["nextToken"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return page;
    }

    private static JsonObject LogGroup(string region, string name) => new()
    {
        ["logGroupName"] = name,
        ["arn"] = $"arn:aws:logs:{region}:{FakeAccount.AccountId}:log-group:{name}:*",
        ["kmsKeyId"] = $"arn:aws:kms:{region}:{FakeAccount.AccountId}:key/0000",
        ["retentionInDays"] = 365,
    };

    private string DescribeAlarms(string region, string? token)
    {
        var start = token is null ? 0 : int.Parse(token, System.Globalization.CultureInfo.InvariantCulture);
        var end = Math.Min(start + FakeAccount.AlarmsPerPage, account.AlarmsPerRegion);
        var xml = new StringBuilder("<MetricAlarms>");
        for (var a = start; a < end; a++)
            xml.Append($"<member><AlarmName>alarm-{a}</AlarmName><AlarmArn>arn:aws:cloudwatch:{region}:{FakeAccount.AccountId}:alarm:alarm-{a}</AlarmArn>")
                .Append($"<ActionsEnabled>true</ActionsEnabled><AlarmActions><member>arn:aws:sns:{region}:{FakeAccount.AccountId}:topic-{a % FakeAccount.Topics}</member></AlarmActions>")
                .Append($"<MetricName>metric-{a % 15}</MetricName><Namespace>Bench</Namespace><Statistic>Sum</Statistic><Period>300</Period>")
                .Append("<Threshold>1.0</Threshold><ComparisonOperator>GreaterThanOrEqualToThreshold</ComparisonOperator><EvaluationPeriods>1</EvaluationPeriods><StateValue>OK</StateValue></member>");
        xml.Append("</MetricAlarms>");
        if (end < account.AlarmsPerRegion)
            xml.Append($"<NextToken>{end}</NextToken>");
        return xml.ToString();
    }

    private static Answer Json(JsonObject body) => new(200, "application/x-amz-json-1.1", body.ToJsonString());

    private static Answer Xml(string body) => new(200, "application/xml", body);

    private static Answer Query(string ns, string operation, string result) => new(200, "text/xml",
        $"<{operation}Response xmlns=\"{ns}\"><{operation}Result>{result}</{operation}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></{operation}Response>");

    private static Answer Throttling(string service) => service switch
    {
        "cloudtrail" or "logs" => new Answer(400, "application/x-amz-json-1.1", """{"__type":"ThrottlingException","message":"Rate exceeded"}"""),
        "s3" => new Answer(503, "application/xml", "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"),
        "securityhub" => new Answer(429, "application/json", """{"message":"Rate exceeded"}""", new() { ["x-amzn-ErrorType"] = "TooManyRequestsException" }),
        "ec2" => new Answer(503, "text/xml", "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>"),
        _ => new Answer(400, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error></ErrorResponse>"),
    };

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request")]
    private static partial Regex Scope();

    [GeneratedRegex(@"Credential=AKIB(\d{12})/")]
    private static partial Regex CallerKey();

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        serving.Wait(TimeSpan.FromSeconds(5));
    }

    /// <summary>A token bucket refilled at the allowed rate, holding at most one second of requests.</summary>
    private sealed class TokenBucket(double perSecond)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly double rate = perSecond;
        private double tokens = perSecond;
        private double last;

        public bool TryTake()
        {
            lock (clock)
            {
                var now = clock.Elapsed.TotalSeconds;
                tokens = Math.Min(rate, tokens + (now - last) * rate);
                last = now;
                if (tokens < 1) return false;
                tokens--;
                return true;
            }
        }
    }
}
