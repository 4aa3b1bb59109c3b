using System.Globalization;
using System.Text.Json.Nodes;
using CloudAudit.Demo;
using CloudAudit.Inventory;
using CloudAudit.Inventory.Catalog;
using CloudAudit.Inventory.Snapshot;
using Trust = CloudAudit.Demo.IamAuthorizationBuilder.Trust;

namespace CloudAudit.Checks.Bench;

/// <summary>
/// A large made-up account as GetAccountAuthorizationDetails and ListFunctions would return it: roles mostly
/// trusted by services or the account, a pool of customer managed policies (scoped data access, broad reads,
/// PassRole scoped or on "*", AssumeRole on name patterns, a few IAM self-edits and denies), users in groups,
/// a few administrators and boundaries, and Lambda functions running as the Lambda roles. The dense variant
/// multiplies the dangerous grants and account-wide trusts, so most principals have paths: a stress test.
/// </summary>
internal static class SyntheticAuthorization
{
    public const string Account = "123456789012";
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "eu-central-1"];
    private static readonly string[] Services =
        ["lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com", "glue.amazonaws.com", "codebuild.amazonaws.com", "sagemaker.amazonaws.com"];

    /// <param name="data">Also the data the policies grant on (buckets, secrets) and the functions' resource policies
    /// (none), as a scan reads them: the security graph then asks who reaches each.</param>
    public static AccountInventory Generate(int roles, int users, int policies, int seed, bool dense, bool data = false)
    {
        var random = new Random(seed);
        var iam = new IamAuthorizationBuilder(Account);
        var names = Enumerable.Range(0, policies).Select(i => $"policy-{i:D4}").ToArray();
        for (var i = 0; i < policies; i++)
            iam.ManagedPolicy(names[i], RandomPolicy(random, roles, dense));
        var groups = Enumerable.Range(0, Math.Max(1, users / 10)).Select(i => $"group-{i:D3}").ToArray();
        foreach (var group in groups)
            iam.Group(group, managed: Pick(random, names, random.Next(1, 4)));

        var lambdaRoles = new List<string>();
        for (var r = 0; r < roles; r++)
        {
            var name = $"role-{r:D5}";
            var roll = random.NextDouble();
            var service = Services[random.Next(Services.Length)];
            var accountWide = dense ? 0.9 : 0.75;
            var trust = roll < 0.6 ? Trust.Service(service)
                : roll < accountWide ? Trust.Account(Account)
                : roll < 0.95 ? Trust.Principal($"arn:aws:iam::{Account}:role/role-{random.Next(roles):D5}")
                : roll < 0.98 ? Trust.GitHub(Account, random.NextDouble() < 0.5 ? null : $"repo:example-org/app-{r}:ref:refs/heads/main")
                : Trust.Account("210987654321");
            var managed = Pick(random, names, random.Next(1, 7)).ToList();
            if (random.NextDouble() < 0.03) managed.Add("arn:aws:iam::aws:policy/AdministratorAccess");
            if (random.NextDouble() < 0.05) managed.Add("arn:aws:iam::aws:policy/ReadOnlyAccess");
            (string, string)[] inline = random.NextDouble() < 0.3 ? [("inline", RandomPolicy(random, roles, dense))] : [];
            iam.Role(name, trust, managed: [.. managed], inline: inline, instanceProfile: roll < 0.6 && service == "ec2.amazonaws.com",
                boundary: random.NextDouble() < 0.05 ? names[random.Next(names.Length)] : null,
                tags: [("team", $"team-{random.Next(20)}")]);
            if (roll < 0.6 && service == "lambda.amazonaws.com") lambdaRoles.Add(name);
        }
        for (var u = 0; u < users; u++)
            iam.User($"user-{u:D4}", groups: Pick(random, groups, random.Next(1, 3)),
                managed: random.NextDouble() < 0.2 ? Pick(random, names, 1) : null, tags: [("team", $"team-{random.Next(20)}")]);

        var account = new AccountInventory { AccountId = Account, Regions = [.. Regions] };
        var recorder = new DemoRecorder(account);
        recorder.Global(IamAuthorizationCalls.GetAccountAuthorizationDetails, iam.Build());
        foreach (var region in Regions)
            recorder.Regional(ResourcePolicyCalls.ListFunctions, region, new JsonObject
            {
                ["Functions"] = new JsonArray([.. Enumerable.Range(0, lambdaRoles.Count / Regions.Length).Select(i => (JsonNode)new JsonObject
                {
                    ["FunctionName"] = $"fn-team-{i % 40:D2}-{region}-{i}",
                    ["FunctionArn"] = $"arn:aws:lambda:{region}:{Account}:function:fn-team-{i % 40:D2}-{region}-{i}",
                    ["Role"] = $"arn:aws:iam::{Account}:role/{lambdaRoles[random.Next(lambdaRoles.Count)]}",
                })]),
            }.ToJsonString());
        if (data)
            RecordData(recorder, Regions.SelectMany(region => Enumerable.Range(0, lambdaRoles.Count / Regions.Length).Select(i => (region, $"fn-team-{i % 40:D2}-{region}-{i}"))));
        return account;
    }

    /// <summary>Buckets bucket-000…999 and secrets app-000…999 (us-east-1), none with a policy; no function has a policy either.</summary>
    private static void RecordData(DemoRecorder recorder, IEnumerable<(string Region, string Function)> functions)
    {
        var ids = Enumerable.Range(0, 1000).Select(n => n.ToString("D3", CultureInfo.InvariantCulture)).ToList();
        recorder.Global(ResourcePolicyCalls.ListBuckets, new JsonObject
        {
            ["Buckets"] = new JsonArray([.. ids.Select(n => (JsonNode)new JsonObject { ["Name"] = $"bucket-{n}", ["BucketRegion"] = "us-east-1" })]),
        }.ToJsonString());
        foreach (var n in ids)
            recorder.Failure(ResourcePolicyCalls.GetBucketPolicy, "global", DemoRecorder.Params(("Bucket", $"bucket-{n}")), ErrorKind.NotFound,
                "NoSuchBucketPolicy", "The bucket policy does not exist", 404);
        var secrets = ids.Select(n => (Arn: $"arn:aws:secretsmanager:us-east-1:{Account}:secret:app-{n}/db-AbCdEf", Name: $"app-{n}/db")).ToList();
        recorder.Regional(ResourcePolicyCalls.ListSecrets, "us-east-1", new JsonObject
        {
            ["SecretList"] = new JsonArray([.. secrets.Select(s => (JsonNode)new JsonObject { ["ARN"] = s.Arn, ["Name"] = s.Name })]),
        }.ToJsonString());
        foreach (var (arn, name) in secrets)
            recorder.Target(ResourcePolicyCalls.GetSecretResourcePolicy, "us-east-1", DemoRecorder.Params(("SecretId", arn)),
                new JsonObject { ["ARN"] = arn, ["Name"] = name }.ToJsonString());
        foreach (var (region, function) in functions)
            recorder.Failure(ResourcePolicyCalls.GetFunctionPolicy, region, DemoRecorder.Params(("FunctionName", function)),
                ErrorKind.NotFound, "ResourceNotFoundException", "The resource you requested does not exist.", 404);
    }

    private static string[] Pick(Random random, string[] from, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => from[random.Next(from.Length)]).Distinct()];

    private static string RandomPolicy(Random random, int roles, bool dense)
    {
        // Percent chances, cumulative; the dense variant widens the dangerous grants.
        var deploy = dense ? "fn-*" : $"fn-team-{random.Next(40):D2}-*";
        var statements = Enumerable.Range(0, random.Next(1, 5)).Select(_ =>
        {
            var n = random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
            var roll = random.Next(1000);
            return roll switch
            {
                < 320 => $$"""{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::bucket-{{n}}/*"}""",
                < 470 => $$"""{"Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:PutItem","dynamodb:Query"],"Resource":"arn:aws:dynamodb:us-east-1:{{Account}}:table/table-{{n}}"}""",
                < 620 => """{"Effect":"Allow","Action":["ec2:Describe*","s3:List*","lambda:Get*","lambda:List*","logs:Get*","cloudwatch:Get*"],"Resource":"*"}""",
                < 700 => $$"""{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"arn:aws:secretsmanager:us-east-1:{{Account}}:secret:app-{{n}}/*"}""",
                < 750 => $$"""{"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction","lambda:UpdateFunctionCode"],"Resource":"arn:aws:lambda:*:{{Account}}:function:{{deploy}}"}""",
                < 830 => $$"""{"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::{{Account}}:role/role-{{random.Next(roles):D5}}","Condition":{"StringEquals":{"iam:PassedToService":"lambda.amazonaws.com"} } }""",
                < 835 => """{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}""",
                < 865 => $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Account}}:role/role-{{n}}*"}""",
                < 868 => """{"Effect":"Allow","Action":["iam:PutRolePolicy","iam:AttachRolePolicy"],"Resource":"*"}""",
                < 908 => """{"Effect":"Deny","Action":["iam:*","organizations:*"],"Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}""",
                < 920 when dense => """{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}""",
                < 960 when dense => $$"""{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::{{Account}}:role/role-{{n[..2]}}*"}""",
                < 970 when dense => """{"Effect":"Allow","Action":["iam:PutRolePolicy","iam:AttachRolePolicy"],"Resource":"*"}""",
                _ => """{"Effect":"Allow","Action":["sqs:SendMessage","sqs:ReceiveMessage","sns:Publish"],"Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}""",
            };
        });
        return $$"""{"Version":"2012-10-17","Statement":[{{string.Join(",", statements)}}]}""";
    }
}
