using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CloudAudit.Cli.Tests;

/// <summary>
/// deploy/kubernetes: every manifest parsed as YAML and held to the fields Kubernetes accepts for its kind (no
/// kubectl here), the Indexed Job's wiring (completions, parallelism, SHARD_COUNT, the service account, volumes),
/// and every command the pods run: executed by /bin/sh for each JOB_COMPLETION_INDEX with a stand-in cloud-audit that
/// prints its arguments, which the real command line must then accept.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(CliRunner.RepoRoot(), "deploy", "kubernetes");

    private static List<(string File, YamlMappingNode Doc)> Manifests() =>
        Directory.GetFiles(Folder, "*.yaml").Order(StringComparer.Ordinal).SelectMany(file =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            return stream.Documents.Select(d => (Path.GetFileName(file), (YamlMappingNode)d.RootNode));
        }).ToList();

    private static IEnumerable<(string File, YamlMappingNode Job)> Jobs() => Manifests().Where(m => Text(m.Doc, "kind") == "Job");

    /// <summary>The fields each object may have, for the kinds the manifests use (a misspelled field fails here, as kubectl would refuse it).</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Namespace"] = ["apiVersion", "kind", "metadata"],
        ["ServiceAccount"] = ["apiVersion", "kind", "metadata"],
        ["PersistentVolumeClaim"] = ["apiVersion", "kind", "metadata", "spec"],
        ["PersistentVolumeClaim.spec"] = ["accessModes", "resources", "storageClassName"],
        ["Job"] = ["apiVersion", "kind", "metadata", "spec"],
        ["Job.spec"] = ["completionMode", "completions", "parallelism", "backoffLimit", "backoffLimitPerIndex", "maxFailedIndexes", "template", "ttlSecondsAfterFinished"],
        ["metadata"] = ["name", "namespace", "labels", "annotations"],
        ["pod.spec"] = ["serviceAccountName", "restartPolicy", "securityContext", "initContainers", "containers", "volumes"],
        ["container"] = ["name", "image", "command", "args", "env", "resources", "securityContext", "volumeMounts"],
    };

    [Fact]
    public void Every_manifest_is_a_known_kind_with_only_fields_its_kind_has()
    {
        var manifests = Manifests();
        Assert.Equal(["Job", "Job", "Job", "Job", "Namespace", "PersistentVolumeClaim", "ServiceAccount"], manifests.Select(m => Text(m.Doc, "kind")).Order());
        foreach (var (file, doc) in manifests)
        {
            var kind = Text(doc, "kind")!;
            Assert.Equal(kind is "Job" ? "batch/v1" : "v1", Text(doc, "apiVersion"));
            AssertFields(file, doc, Allowed[kind]);
            var metadata = Map(doc, "metadata");
            AssertFields(file, metadata, Allowed["metadata"]);
            Assert.Matches(DnsName(), Text(metadata, "name")!);
            Assert.Equal("cloud-audit", kind == "Namespace" ? Text(metadata, "name") : Text(metadata, "namespace"));
            if (Allowed.TryGetValue($"{kind}.spec", out var specFields))
                AssertFields(file, Map(doc, "spec"), specFields);
        }
    }

    [Fact]
    public void Every_job_is_removed_after_it_finishes_and_the_worked_examples_delete_it_before_applying_it_again()
    {
        var docs = File.ReadAllText(Path.Combine(CliRunner.RepoRoot(), "docs", "organizations.md"));
        var jobs = Jobs().ToList();
        Assert.Equal(4, jobs.Count);
        foreach (var (file, job) in jobs)
        {
            var ttl = Text(Map(job, "spec"), "ttlSecondsAfterFinished");
            Assert.True(int.TryParse(ttl, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0,
                $"{file}: ttlSecondsAfterFinished is {ttl ?? "absent"}");
            var name = Text(Map(job, "metadata"), "name")!;
            var apply = $"kubectl apply -f deploy/kubernetes/{file}\n";
            var delete = $"kubectl -n cloud-audit delete job {name} --ignore-not-found\n";
            Assert.Contains(delete + apply, docs);
        }
    }

    [Fact]
    public void The_shard_jobs_are_indexed_with_one_completion_per_shard_and_every_reference_resolves()
    {
        var manifests = Manifests();
        var serviceAccounts = manifests.Where(m => Text(m.Doc, "kind") == "ServiceAccount").Select(m => Text(Map(m.Doc, "metadata"), "name")).ToList();
        var claims = manifests.Where(m => Text(m.Doc, "kind") == "PersistentVolumeClaim").Select(m => Text(Map(m.Doc, "metadata"), "name")).ToList();
        Assert.Matches(@"^arn:aws:iam::<MANAGEMENT_ACCOUNT_ID>:role/<AUDIT_ROLE_NAME>$",
            Text(Map(Map(manifests.Single(m => Text(m.Doc, "kind") == "ServiceAccount").Doc, "metadata"), "annotations"), "eks.amazonaws.com/role-arn")!);

        foreach (var (file, job) in Jobs())
        {
            var spec = Map(job, "spec");
            var pod = Map(Map(spec, "template"), "spec");
            AssertFields(file, pod, Allowed["pod.spec"]);
            Assert.Contains(Text(pod, "restartPolicy"), new[] { "Never", "OnFailure" });
            var volumes = Seq(pod, "volumes").Cast<YamlMappingNode>().ToDictionary(v => Text(v, "name")!);
            foreach (var container in Containers(pod))
            {
                AssertFields(file, container, Allowed["container"]);
                foreach (var mount in Seq(container, "volumeMounts").Cast<YamlMappingNode>())
                    Assert.True(volumes.ContainsKey(Text(mount, "name")!), $"{file}: mount {Text(mount, "name")} has no volume");
            }
            foreach (var claim in volumes.Values.Select(v => v.Children.TryGetValue("persistentVolumeClaim", out var c) ? Text((YamlMappingNode)c, "claimName") : null).OfType<string>())
                Assert.Contains(claim, claims);
            if (Text(spec, "completionMode") is not "Indexed")
                continue;
            Assert.Contains(Text(pod, "serviceAccountName"), serviceAccounts);
            var completions = int.Parse(Text(spec, "completions")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Text(spec, "completions"), Text(spec, "parallelism"));
            var collector = Containers(pod).Single(c => Env(c).ContainsKey("SHARD_COUNT"));
            Assert.Equal(completions.ToString(System.Globalization.CultureInfo.InvariantCulture), Env(collector)["SHARD_COUNT"]);
            Assert.Equal("2Gi", Text(Map(Map(collector, "resources"), "limits"), "memory"));
        }
    }

    [Fact]
    public void Shard_K_runs_collect_with_shard_K_of_N_and_the_merge_reads_every_shard_s_file()
    {
        var shardOutputs = new List<string>();
        foreach (var (file, job) in Jobs().Where(j => Text(Map(j.Job, "spec"), "completionMode") == "Indexed"))
        {
            var pod = Map(Map(Map(job, "spec"), "template"), "spec");
            var count = int.Parse(Text(Map(job, "spec"), "completions")!, System.Globalization.CultureInfo.InvariantCulture);
            var collector = Containers(pod).Single(c => Env(c).ContainsKey("SHARD_COUNT"));
            var outputs = new List<string>();
            for (var index = 0; index < count; index++)
            {
                var args = RunShell(collector, index).Single();
                Assert.Equal(["collect", "--organization", "--shard", $"{index + 1}/{count}", "--regions", "all", "--output", $"/results/shard-{index + 1}.json.gz"], args);
                AssertParses(file, args);
                outputs.Add(args[^1]);
            }
            Assert.Equal(count, outputs.Distinct().Count());
            if (file == "shards-job.yaml")
                shardOutputs = outputs;
            if (Containers(pod).FirstOrDefault(c => Text(c, "name") == "upload") is { } upload)
                Assert.Equal([["s3", "cp", "/results/shard-2.json.gz", "s3://<RESULTS_BUCKET>/<RUN_ID>/"]], RunShell(upload, 1, stub: "aws"));
        }

        var merge = Map(Map(Map(Jobs().Single(j => j.File == "merge-job.yaml").Job, "spec"), "template"), "spec");
        var mergeArgs = RunShell(Containers(merge).Single(c => Text(c, "name") == "merge"), 0).Single();
        Assert.Equal(["merge", "/results/shard-*.json.gz", "--output", "/results/organization.json.gz"], mergeArgs);
        AssertParses("merge-job.yaml", mergeArgs);
        Assert.All(shardOutputs, output => Assert.Matches("^" + Regex.Escape(mergeArgs[1]).Replace(@"\*", "[0-9]+") + "$", output));
        var reports = RunShell(Containers(merge).Single(c => Text(c, "name") == "report"), 0);
        Assert.Equal(2, reports.Count);
        Assert.All(reports, args => AssertParses("merge-job.yaml", args));
        Assert.Equal(["/results/report.json", "/results/report.html"], reports.Select(a => a[a.IndexOf("--output") + 1]));
    }

    [Fact]
    public void The_S3_merge_copies_down_what_the_S3_shards_uploaded_merges_it_and_copies_the_reports_back()
    {
        var shards = Map(Map(Map(Jobs().Single(j => j.File == "shards-job-s3.yaml").Job, "spec"), "template"), "spec");
        var (file, job) = Jobs().Single(j => j.File == "merge-job-s3.yaml");
        var pod = Map(Map(Map(job, "spec"), "template"), "spec");
        var steps = Containers(pod).ToDictionary(c => Text(c, "name")!);
        var upload = Containers(shards).Single(c => Text(c, "name") == "upload");

        // The same service account as the shards (its role reads and writes the bucket), and the same bucket and run folder.
        Assert.Equal(Text(shards, "serviceAccountName"), Text(pod, "serviceAccountName"));
        Assert.Equal(["download", "merge", "report"], Seq(pod, "initContainers").Select(c => Text((YamlMappingNode)c, "name")));
        foreach (var step in new[] { "download", "upload" })
        {
            Assert.Equal(Env(upload)["BUCKET"], Env(steps[step])["BUCKET"]);
            Assert.Equal(Env(upload)["RUN"], Env(steps[step])["RUN"]);
        }
        Assert.Equal([["s3", "cp", "s3://<RESULTS_BUCKET>/<RUN_ID>/", "/results/", "--recursive", "--exclude", "*", "--include", "shard-*.json.gz"]],
            RunShell(steps["download"], 0, stub: "aws"));
        // Each shard's upload lands in the folder the download copies, under a name its filter and the merge's glob keep.
        Assert.Equal([["s3", "cp", "/results/shard-3.json.gz", "s3://<RESULTS_BUCKET>/<RUN_ID>/"]], RunShell(upload, 2, stub: "aws"));
        var mergeArgs = RunShell(steps["merge"], 0).Single();
        Assert.Equal(["merge", "/results/shard-*.json.gz", "--output", "/results/organization.json.gz"], mergeArgs);
        AssertParses(file, mergeArgs);
        var reports = RunShell(steps["report"], 0);
        Assert.All(reports, args => AssertParses(file, args));
        Assert.Equal(["/results/report.json", "/results/report.html"], reports.Select(a => a[a.IndexOf("--output") + 1]));
        Assert.Equal([["s3", "cp", "/results/", "s3://<RESULTS_BUCKET>/<RUN_ID>/", "--recursive", "--exclude", "*",
            "--include", "organization.json.gz", "--include", "report.json", "--include", "report.html"]], RunShell(steps["upload"], 0, stub: "aws"));
    }

    private static void AssertParses(string file, IReadOnlyList<string> args)
    {
        var errors = CommandLineApp.BuildRoot().Parse([.. args]).Errors;
        Assert.True(errors.Count == 0, $"{file}: cloud-audit {string.Join(' ', args)}: {string.Join("; ", errors.Select(e => e.Message))}");
    }

    /// <summary>
    /// Runs the container's command (/bin/sh -c ARG) with its environment and JOB_COMPLETION_INDEX, where
    /// <paramref name="stub"/> prints its arguments one per line and a blank line after each call; returns each call's arguments.
    /// </summary>
    private static List<List<string>> RunShell(YamlMappingNode container, int index, string stub = "cloud-audit")
    {
        Assert.Equal(["/bin/sh", "-c"], Seq(container, "command").Select(n => ((YamlScalarNode)n).Value!));
        var script = ((YamlScalarNode)Seq(container, "args").Single()).Value!;
        var bin = Directory.CreateTempSubdirectory("cloud-audit-k8s-").FullName;
        try
        {
            var fake = Path.Combine(bin, stub);
            File.WriteAllText(fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\necho\n");
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = bin };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.Environment["PATH"] = $"{bin}:/usr/bin:/bin";
            start.Environment["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in Env(container))
                start.Environment[name] = value;
            using var shell = Process.Start(start)!;
            var output = shell.StandardOutput.ReadToEnd();
            shell.WaitForExit();
            Assert.True(shell.ExitCode == 0, $"{script}: exit {shell.ExitCode} {shell.StandardError.ReadToEnd()}");
            return output.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(call => call.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList()).ToList();
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    private static void AssertFields(string file, YamlMappingNode node, string[] allowed)
    {
        foreach (var key in node.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
            Assert.True(allowed.Contains(key), $"{file}: unexpected field '{key}' (allowed: {string.Join(", ", allowed)})");
    }

    private static IEnumerable<YamlMappingNode> Containers(YamlMappingNode pod) =>
        Seq(pod, "initContainers").Concat(Seq(pod, "containers")).Cast<YamlMappingNode>();

    private static Dictionary<string, string> Env(YamlMappingNode container) =>
        Seq(container, "env").Cast<YamlMappingNode>().ToDictionary(e => Text(e, "name")!, e => Text(e, "value")!);

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static IEnumerable<YamlNode> Seq(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlSequenceNode)value).Children : [];

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsName();
}
