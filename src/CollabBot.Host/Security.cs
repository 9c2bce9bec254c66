using CollabBot.Host.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace CollabBot.Host;

internal static class Security
{
    // Data Protection encrypts secrets at rest (Slack bot tokens) and the OAuth state cookie.
    // Its keys live beside the data; several hosts must share one directory
    // (DataProtection:KeysDirectory), or tokens sealed by one cannot be read by another.
    public static IServiceCollection AddCollabDataProtection(this IServiceCollection services, IConfiguration config)
    {
        services.AddDataProtection().SetApplicationName("CollabBot").PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(config)));
        return services;
    }

    public static string KeysDirectory(IConfiguration config)
    {
        var storage = config.GetSection("Storage").Get<StorageOptions>() ?? new StorageOptions();
        return config["DataProtection:KeysDirectory"] ?? Path.Combine(storage.DataDirectory, "keys", "data-protection");
    }
}
