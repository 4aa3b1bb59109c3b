using CloudAudit.Policy.Catalog;
using CloudAudit.Policy.Evaluation;
using CloudAudit.Policy.Model;

namespace CloudAudit.Policy.Bench;

/// <summary>
/// A made-up account: a pool of customer managed policies (exact actions, service wildcards, NotAction,
/// resource ARNs, conditions, denies) plus a few AWS managed ones; each role attaches a random selection.
/// Requests are built once per role, so the measured loop is evaluation alone.
/// </summary>
sealed class SyntheticAccount
{
    public sealed record Role(PolicySet Policies, AccessRequest[] Requests);

    public required Role[] Roles { get; init; }
    public int DistinctPolicies { get; init; }
    public int Statements { get; init; }

    public static SyntheticAccount Generate(int roles, int policiesPerRole, int actionCount, int seed)
    {
        var random = new Random(seed);
        var all = IamCatalog.Default.Actions.OrderBy(a => a.FullName, StringComparer.Ordinal).ToArray();
        var actions = Enumerable.Range(0, actionCount).Select(_ => all[random.Next(all.Length)]).ToArray();
        var services = actions.Select(a => a.Service).Distinct().ToArray();

        var pool = Enumerable.Range(0, Math.Max(policiesPerRole * 10, 500))
            .Select(i => PolicyDocument.Parse(RandomPolicy(random, all, services), PolicyKind.Identity, $"arn:aws:iam::111122223333:policy/p{i}"))
            .Concat(new[] { "ReadOnlyAccess", "AmazonS3FullAccess", "AmazonEC2ReadOnlyAccess", "CloudWatchLogsFullAccess" }
                .Select(n => AwsManagedPolicies.Default.Get($"arn:aws:iam::aws:policy/{n}")!))
            .ToArray();

        var roleList = new Role[roles];
        for (var r = 0; r < roles; r++)
        {
            var attached = Enumerable.Range(0, policiesPerRole).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var principal = Principal.Parse($"arn:aws:iam::111122223333:role/role-{r}");
            var requests = actions.Select(a => new AccessRequest(principal, a.Parsed, ResourceFor(a))).ToArray();
            roleList[r] = new Role(new PolicySet { Identity = attached }, requests);
        }
        return new SyntheticAccount { Roles = roleList, DistinctPolicies = pool.Length, Statements = pool.Sum(p => p.Statements.Count) };
    }

    static string ResourceFor(ActionInfo action) => action.Service switch
    {
        "s3" => "arn:aws:s3:::bench-bucket/data/object.json",
        "sqs" => "arn:aws:sqs:us-east-1:111122223333:queue",
        _ => "*",
    };

    static string RandomPolicy(Random random, ActionInfo[] all, string[] services)
    {
        var statements = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        {
            var effect = random.NextDouble() < 0.1 ? "Deny" : "Allow";
            var actionList = string.Join(",", Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(4) switch
            {
                0 => $"\"{services[random.Next(services.Length)]}:*\"",
                1 => $"\"{services[random.Next(services.Length)]}:Get*\"",
                _ => $"\"{all[random.Next(all.Length)].FullName}\"",
            }));
            var actionElement = random.NextDouble() < 0.05 ? $"\"NotAction\":[{actionList}]" : $"\"Action\":[{actionList}]";
            var resource = random.Next(3) switch
            {
                0 => "\"arn:aws:s3:::bench-bucket/*\"",
                1 => "[\"arn:aws:sqs:*:111122223333:*\",\"arn:aws:s3:::other/*\"]",
                _ => "\"*\"",
            };
            var condition = random.NextDouble() < 0.2
                ? ",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"},\"StringEquals\":{\"aws:RequestedRegion\":[\"us-east-1\",\"eu-west-1\"]}}"
                : "";
            return $"{{\"Effect\":\"{effect}\",{actionElement},\"Resource\":{resource}{condition}}}";
        });
        return $"{{\"Version\":\"2012-10-17\",\"Statement\":[{string.Join(",", statements)}]}}";
    }
}
