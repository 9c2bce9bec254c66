using CollabBot.Host;
using CollabBot.Host.Cli;
using CollabBot.Host.Storage;

if (CliVerbs.IsVerb(args)) return await CliVerbs.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCollabStorage(builder.Configuration);
builder.Services.AddCollabCore();

var app = builder.Build();
if (app.Services.GetRequiredService<StorageOptions>().MigrateOnStartup) await app.Services.MigrateAsync();

app.MapHealth();

await app.RunAsync();
return 0;
