using static CloudAudit.Inventory.Catalog.JsonParams;

namespace CloudAudit.Inventory.Catalog;

/// <summary>Lambda reads: functions in every scanned region, and each function's URL configurations.</summary>
public static class LambdaCalls
{
    public static readonly ApiCall ListFunctions = ApiCall.Regional("lambda", "ListFunctions");

    public static readonly ApiCall ListFunctionUrlConfigs =
        ApiCall.PerResource(ListFunctions, "lambda", "ListFunctionUrlConfigs", parent =>
            Items(parent.Response, "Functions").Select(f => f.Str("FunctionName")).OfType<string>()
                .Select(name => Target(parent.Region, ("FunctionName", name))));
}
