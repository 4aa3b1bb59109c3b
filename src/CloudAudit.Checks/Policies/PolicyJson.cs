using System.Text.Json.Nodes;
using CloudAudit.Checks.Framework;
using CloudAudit.Policy.Parsing;

namespace CloudAudit.Checks.Policies;

/// <summary>
/// Edits a stored policy document to build a fix: the customer's own policy with one statement narrowed or one
/// statement added, so the remediation keeps everything else the policy does. The engine decides what is wrong;
/// this only writes the change.
/// </summary>
public sealed class PolicyJson
{
    private readonly JsonObject _root;

    private PolicyJson(JsonObject root) => _root = root;

    /// <summary>A copy of the document (plain or URL-encoded JSON) ready to edit.</summary>
    public static PolicyJson Load(string text) =>
        new(JsonNode.Parse(PolicyText.Decode(text)) as JsonObject ?? throw new ArgumentException("a policy must be a JSON object", nameof(text)));

    public static PolicyJson Empty() => new(new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() });

    /// <summary>The statement at the engine's index (Statement may be a single object, then index 0).</summary>
    public JsonObject Statement(int index) => _root["Statement"] switch
    {
        JsonArray array => array[index] as JsonObject ?? throw new ArgumentOutOfRangeException(nameof(index)),
        JsonObject single when index == 0 => single,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>Makes a single-object Statement a one-element array, so every statement has an index path (Statement[0]).</summary>
    public PolicyJson StatementsAsArray()
    {
        if (_root["Statement"] is JsonObject single)
            _root["Statement"] = new JsonArray(single.DeepClone());
        return this;
    }

    public PolicyJson Append(JsonObject statement)
    {
        var statements = _root["Statement"] switch
        {
            JsonArray array => array,
            JsonObject single => new JsonArray(single.DeepClone()),
            _ => new JsonArray(),
        };
        statements.Add(statement);
        _root["Statement"] = statements;
        return this;
    }

    /// <summary>Adds (or replaces) the condition <paramref name="op"/> <paramref name="key"/> on a statement.</summary>
    public PolicyJson Require(int index, string op, string key, params string[] values)
    {
        var statement = Statement(index);
        if (statement["Condition"] is not JsonObject conditions)
            statement["Condition"] = conditions = new JsonObject();
        if (conditions[op] is not JsonObject clause)
            conditions[op] = clause = new JsonObject();
        clause[key] = values.Length == 1 ? JsonValue.Create(values[0]) : new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);
        return this;
    }

    /// <summary>Removes every condition on <paramref name="key"/> (whatever the operator) from a statement.</summary>
    public PolicyJson Forget(int index, string key)
    {
        if (Statement(index)["Condition"] is not JsonObject conditions) return this;
        foreach (var (op, clause) in conditions.ToList())
        {
            if (clause is not JsonObject keys) continue;
            foreach (var name in keys.Select(k => k.Key).Where(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)).ToList())
                keys.Remove(name);
            if (keys.Count == 0) conditions.Remove(op);
        }
        if (conditions.Count == 0) Statement(index).Remove("Condition");
        return this;
    }

    /// <summary>Whether a statement has any condition on <paramref name="key"/>.</summary>
    public bool Conditions(int index, string key) =>
        Statement(index)["Condition"] is JsonObject conditions
        && conditions.Any(c => c.Value is JsonObject keys && keys.Any(k => k.Key.Equals(key, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The document as a fix passes it: compact, with &lt; &gt; &amp; left readable (<see cref="CliFix.Json"/>).</summary>
    public override string ToString() => CliFix.Json(_root);
}
