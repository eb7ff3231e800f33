namespace CarbonVoice.Sdk.Internal;

/// <summary>The area clients of one connection, built together for <see cref="CarbonVoiceClient"/> and the DI-created clients.</summary>
internal sealed class AreaClients(CarbonVoiceConnection connection)
{
    public IWorkspacesClient Workspaces { get; } = new WorkspacesClient(connection);

    public IConversationsClient Conversations { get; } = new ConversationsClient(connection);

    public IMessagesClient Messages { get; } = new MessagesClient(connection);

    public ICarbonLinksClient CarbonLinks { get; } = new CarbonLinksClient(connection);

    public IUsersClient Users { get; } = new UsersClient(connection);

    public IActionItemsClient ActionItems { get; } = new ActionItemsClient(connection);

    public IDataExportsClient DataExports { get; } = new DataExportsClient(connection);

    public IShareLinksClient ShareLinks { get; } = new ShareLinksClient(connection);

    public IReactionsClient Reactions { get; } = new ReactionsClient(connection);

    public IAttachmentsClient Attachments { get; } = new AttachmentsClient(connection);
}
