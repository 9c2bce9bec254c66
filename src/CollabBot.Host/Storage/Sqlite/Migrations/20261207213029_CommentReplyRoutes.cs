using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CollabBot.Host.Storage.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CommentReplyRoutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReplyRoute",
                table: "PulseResponses",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReplyRoute",
                table: "PulseResponses");
        }
    }
}
