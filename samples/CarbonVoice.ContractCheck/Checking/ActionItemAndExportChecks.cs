using CarbonVoice.Sdk;

namespace CarbonVoice.ContractCheck.Checking;

/// <summary>Action-item lists and the export read.</summary>
internal static class ActionItemAndExportChecks
{
    public static async Task RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var runner = context.Runner;
        var client = context.Client;
        var size = context.PageSize;
        if (context.ConversationId is { } conversationId)
        {
            await runner.PagedAsync(
                RouteCatalog.ActionItems,
                () => client.ActionItems.ListAsync(ActionItemContainerTypes.Channel, conversationId, new ActionItemListOptions { PageSize = size }),
                cancellationToken,
                "container channel: the chosen conversation");
        }
        else
        {
            runner.NotApplicable(RouteCatalog.ActionItems, "no conversation was discovered to use as the container");
        }

        await runner.PagedAsync(RouteCatalog.MyActionItems, () => client.ActionItems.ListMineAsync(new ActionItemListOptions { PageSize = size }), cancellationToken);

        if (context.Options.ExportId is { } exportId)
        {
            await runner.SingleAsync(RouteCatalog.Export, ct => client.DataExports.GetAsync(exportId, ct), cancellationToken, "the configured export id");
        }
        else
        {
            runner.NotApplicable(RouteCatalog.Export, $"no export id: the check never starts an export (a write); set {ContractCheckEnvironment.ExportId} to read an existing one");
        }
    }
}
