namespace CloudAudit.Policy.Matching;

/// <summary>
/// The services whose actions a statement or policy can possibly match, as a bitset over interned service
/// IDs: lets evaluation skip whole policies for requests of other services with one bit test.
/// </summary>
sealed class ServiceMask
{
    ulong[] bits = [];
    public bool All { get; private set; }

    public static ServiceMask ForStatement(IReadOnlyList<ActionPattern> actions, bool notAction)
    {
        var mask = new ServiceMask();
        // NotAction covers every service but the listed actions.
        if (notAction) { mask.All = true; return mask; }
        foreach (var a in actions)
        {
            if (a.ServiceId == 0) { mask.All = true; return mask; }
            mask.Set(a.ServiceId);
        }
        return mask;
    }

    public static ServiceMask Union(IEnumerable<ServiceMask> masks)
    {
        var union = new ServiceMask();
        foreach (var m in masks)
        {
            if (m.All) { union.All = true; return union; }
            if (m.bits.Length > union.bits.Length) Array.Resize(ref union.bits, m.bits.Length);
            for (var i = 0; i < m.bits.Length; i++) union.bits[i] |= m.bits[i];
        }
        return union;
    }

    void Set(int id)
    {
        var word = id >> 6;
        if (word >= bits.Length) Array.Resize(ref bits, word + 1);
        bits[word] |= 1UL << (id & 63);
    }

    public bool MayMatch(int serviceId)
    {
        if (All) return true;
        var word = serviceId >> 6;
        return word < bits.Length && (bits[word] & (1UL << (serviceId & 63))) != 0;
    }
}
