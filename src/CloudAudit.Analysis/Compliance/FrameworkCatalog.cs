using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CloudAudit.Analysis.Compliance;

/// <summary>
/// The compliance frameworks embedded in the build (Compliance/Frameworks/*.json), loaded once. Adding a
/// framework is adding a file: the catalog finds every embedded one, and the tests hold each to the rules
/// (checks exist, manual controls name what to verify, the control count matches the published one).
/// </summary>
public sealed class FrameworkCatalog
{
    private const string ResourcePrefix = "CloudAudit.Analysis.Compliance.Frameworks.";
    private const string EquivalentsResource = ResourcePrefix + "prowler-equivalents.tsv";

    private static readonly Lazy<FrameworkCatalog> Embedded = new(LoadEmbedded);

    private readonly Dictionary<string, ComplianceFramework> byId;
    private readonly Lazy<Dictionary<string, IReadOnlyList<string>>> refsByCheck;

    public FrameworkCatalog(IReadOnlyList<ComplianceFramework> frameworks, IReadOnlyDictionary<string, ProwlerEquivalent> prowlerEquivalents)
    {
        Frameworks = frameworks;
        ProwlerEquivalents = prowlerEquivalents;
        byId = frameworks.ToDictionary(f => f.Id, StringComparer.OrdinalIgnoreCase);
        refsByCheck = new(IndexRefs);
    }

    /// <summary>The frameworks of this build.</summary>
    public static FrameworkCatalog Default => Embedded.Value;

    public IReadOnlyList<ComplianceFramework> Frameworks { get; }

    /// <summary>Prowler's checks that the Prowler-derived frameworks name, with the cloud-audit checks that decide the same.</summary>
    public IReadOnlyDictionary<string, ProwlerEquivalent> ProwlerEquivalents { get; }

    public IEnumerable<string> Ids => Frameworks.Select(f => f.Id);

    /// <summary>A framework by its ID; also accepts the older "cis-aws-5.0" spelling of the CIS IDs.</summary>
    public ComplianceFramework? Find(string id)
    {
        if (byId.TryGetValue(id.Trim(), out var framework)) return framework;
        var cis = System.Text.RegularExpressions.Regex.Match(id.Trim().ToLowerInvariant(), @"^cis[-_]aws[-_]v?(\d)(?:\.0(?:\.0)?)?$");
        return cis.Success && byId.TryGetValue($"cis_aws_v{cis.Groups[1].Value}", out var legacy) ? legacy : null;
    }

    /// <summary>Every control of every framework that the check evaluates, as "SOC2 CC6.1", in catalog order.</summary>
    public IReadOnlyList<string> RefsFor(string checkId) =>
        refsByCheck.Value.TryGetValue(checkId, out var refs) ? refs : [];

    private Dictionary<string, IReadOnlyList<string>> IndexRefs()
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var framework in Frameworks)
            foreach (var control in framework.Controls)
                foreach (var check in control.Checks)
                {
                    if (!index.TryGetValue(check, out var refs)) index[check] = refs = [];
                    refs.Add(framework.RefFor(control));
                }
        return index.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value.Distinct().ToList(), StringComparer.Ordinal);
    }

    private static FrameworkCatalog LoadEmbedded()
    {
        var assembly = typeof(FrameworkCatalog).Assembly;
        var equivalents = ProwlerEquivalent.Parse(ReadResource(assembly, EquivalentsResource));
        var frameworks = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => FrameworkFile.Parse(ReadResource(assembly, n), n[ResourcePrefix.Length..^".json".Length], equivalents))
            .OrderBy(f => f.Id, FrameworkOrder.Instance)
            .ToList();
        return new FrameworkCatalog(frameworks, equivalents);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"missing embedded resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The reference tool's six first, then the other CIS versions, then the rest by ID.</summary>
    private sealed class FrameworkOrder : IComparer<string>
    {
        public static readonly FrameworkOrder Instance = new();
        private static readonly string[] First = ["cis_aws_v3", "soc2_type2", "iso27001_2022", "bsi_c5_2020", "hipaa_security", "nis2_directive"];

        public int Compare(string? x, string? y)
        {
            int Rank(string? id) { var i = Array.IndexOf(First, id); return i < 0 ? First.Length : i; }
            var rank = Rank(x).CompareTo(Rank(y));
            return rank != 0 ? rank : string.CompareOrdinal(x, y);
        }
    }
}

/// <summary>What cloud-audit has for one Prowler check: the checks that decide the same condition (<c>=</c>) or part of it (<c>~</c>).</summary>
public sealed record ProwlerEquivalent(string ProwlerCheck, bool Exact, IReadOnlyList<string> Checks)
{
    /// <summary>Tab-separated rows: Prowler check, "=" or "~", our check IDs separated by spaces; '#' starts a comment line.</summary>
    public static IReadOnlyDictionary<string, ProwlerEquivalent> Parse(string tsv)
    {
        var rows = new Dictionary<string, ProwlerEquivalent>(StringComparer.Ordinal);
        foreach (var (line, number) in tsv.Split('\n').Select((l, i) => (l.TrimEnd('\r'), i + 1)))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var cells = line.Split('\t');
            if (cells.Length != 3 || cells[1] is not ("=" or "~") || cells[2].Trim().Length == 0)
                throw new FormatException($"prowler-equivalents.tsv line {number}: expected 'prowler_check<TAB>=|~<TAB>aws-… checks'");
            if (!rows.TryAdd(cells[0], new(cells[0], cells[1] == "=", cells[2].Split(' ', StringSplitOptions.RemoveEmptyEntries))))
                throw new FormatException($"prowler-equivalents.tsv line {number}: {cells[0]} is listed twice");
        }
        return rows;
    }
}

/// <summary>Reads the JSON form of a framework file, checking its shape as it goes (unknown fields and bad values are errors).</summary>
public static class FrameworkFile
{
    public static ComplianceFramework Parse(string json, string expectedId, IReadOnlyDictionary<string, ProwlerEquivalent> equivalents)
    {
        var file = JsonSerializer.Deserialize(json, FrameworkFileJson.Default.FileModel)
            ?? throw new FormatException($"{expectedId}.json is empty");
        string Fail(string message) => throw new FormatException($"{expectedId}.json: {message}");
        if (file.Id != expectedId) Fail($"id '{file.Id}' differs from the file name");
        var controls = new List<FrameworkControl>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in file.Controls)
        {
            if (!seen.Add(c.Id)) Fail($"control {c.Id} is listed twice");
            var assessment = c.Assessment switch
            {
                "automated" => ControlAssessment.Automated,
                "partial" => ControlAssessment.Partial,
                "manual" => ControlAssessment.Manual,
                _ => throw new FormatException($"{expectedId}.json: control {c.Id} has assessment '{c.Assessment}' (automated, partial or manual)"),
            };
            var sources = c.SourceChecks ?? [];
            controls.Add(new FrameworkControl
            {
                Id = c.Id,
                Title = c.Title,
                Section = c.Section,
                Level = c.Level ?? "",
                Assessment = assessment,
                Checks = c.Checks,
                Verify = string.IsNullOrWhiteSpace(c.Verify) ? null : c.Verify,
                SourceChecks = sources,
                Uncovered = sources.Where(s => !equivalents.ContainsKey(s)).ToList(),
            });
        }
        return new ComplianceFramework
        {
            Id = file.Id,
            Name = file.Name,
            Version = file.Version,
            Ref = file.Ref,
            Publisher = file.Publisher,
            Url = file.Url,
            PublishedControls = file.PublishedControls,
            CountSource = file.CountSource,
            Scope = file.Scope ?? "",
            Mappings = file.Mappings,
            Controls = controls,
        };
    }

    public sealed record FileModel(
        string Id, string Name, string Version, string Ref, string Publisher, string Url,
        int PublishedControls, string CountSource, string Mappings, IReadOnlyList<ControlModel> Controls, string? Scope = null);

    public sealed record ControlModel(
        string Id, string Title, string Section, string Assessment, IReadOnlyList<string> Checks,
        string? Level = null, string? Verify = null, IReadOnlyList<string>? SourceChecks = null);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FrameworkFile.FileModel))]
internal sealed partial class FrameworkFileJson : JsonSerializerContext;
