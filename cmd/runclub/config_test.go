package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/runclub/runclub/storage"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExampleConfigLoads(t *testing.T) {
	cfg, err := loadConfig("../../config.example.yaml", nil)
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if cfg != defaultConfig() {
		t.Errorf("config.example.yaml differs from the built-in defaults:\n%+v\n%+v", cfg, defaultConfig())
	}
}

func TestEnvironmentOverridesFile(t *testing.T) {
	path := writeFile(t, "c.yaml", "database: {dsn: from-file.db}\ntelegram: {api_url: 'http://file.example'}\n")
	tokenFile := writeFile(t, "discord.token", "  secret-from-file\n")
	cfg, err := loadConfig(path, []string{
		"RUNCLUB_TELEGRAM_API_URL=http://127.0.0.1:9999",
		"RUNCLUB_TELEGRAM_TOKEN=123:abc",
		"RUNCLUB_DISCORD_TOKEN_FILE=" + tokenFile,
		"RUNCLUB_DEFAULTS_WEEKLY=Mon 07:00",
		"RUNCLUB_CONSOLE_IMAGE_DIR=" + t.TempDir(),
		"OTHER=ignored",
	})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Console.ImageDir == "" {
		t.Error("RUNCLUB_CONSOLE_IMAGE_DIR was not read")
	}
	if cfg.Database.DSN != "from-file.db" || cfg.Telegram.APIURL != "http://127.0.0.1:9999" || cfg.Telegram.Token != "123:abc" || cfg.Discord.Token != "secret-from-file" {
		t.Errorf("cfg = %+v", cfg)
	}
	d, _ := cfg.handlerDefaults()
	if d.WeeklyDay != time.Monday || d.WeeklyMinute != 7*60 {
		t.Errorf("weekly = %v %d", d.WeeklyDay, d.WeeklyMinute)
	}
}

func TestPostgresConfigWithPoolFromEnvironment(t *testing.T) {
	path := writeFile(t, "c.yaml", "database: {driver: postgres, dsn: 'postgres://runclub@db.example:5432/runclub', max_open_conns: 8}\n")
	cfg, err := loadConfig(path, []string{"RUNCLUB_DATABASE_MAX_IDLE_CONNS=3", "RUNCLUB_DATABASE_CONN_MAX_LIFETIME=30m"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := cfg.Database.pool()
	if err != nil {
		t.Fatal(err)
	}
	want := storage.Pool{MaxOpenConns: 8, MaxIdleConns: 3, ConnMaxLifetime: 30 * time.Minute, ConnMaxIdleTime: 10 * time.Minute}
	if cfg.Database.Driver != "postgres" || p != want {
		t.Errorf("driver %q, pool %+v; want postgres, %+v", cfg.Database.Driver, p, want)
	}
}

// An operator who lowers max_open_conns alone is not told off about
// max_idle_conns, which they never set: the idle pool follows it down.
func TestFewerOpenConnsAloneLowersTheIdleOnes(t *testing.T) {
	for _, c := range []struct {
		open string
		idle int
	}{{"5", 5}, {"2", 2}, {"50", 10}} {
		cfg, err := loadConfig(writeFile(t, "c.yaml", ""), []string{"RUNCLUB_DATABASE_DRIVER=postgres", "RUNCLUB_DATABASE_DSN=postgres://runclub@db.example/runclub", "RUNCLUB_DATABASE_MAX_OPEN_CONNS=" + c.open})
		if err != nil {
			t.Fatalf("max_open_conns %s alone: %v", c.open, err)
		}
		if p, _ := cfg.Database.pool(); p.MaxIdleConns != c.idle {
			t.Errorf("max_open_conns %s alone: %d idle, want %d", c.open, p.MaxIdleConns, c.idle)
		}
	}
}

// Variables of the tests and the CI scripts share the prefix but name no
// section: they are not the operator's typos.
func TestEnvironmentOutsideTheSectionsIsLeftAlone(t *testing.T) {
	_, err := loadConfig("", []string{"RUNCLUB_TEST_POSTGRES_DSN=postgres://x@h/db", "RUNCLUB_PG_BIN=/usr/lib/postgresql/15/bin", "RUNCLUB_TEST_MAIN=1", "RUNCLUB_BENCH_FACTOR=5"})
	if err != nil {
		t.Fatal(err)
	}
}

func TestInvalidConfigNamesTheKey(t *testing.T) {
	cases := []struct {
		name, yaml string
		env        []string
		key        string
	}{
		{"bad driver", "database: {driver: oracle}", nil, "database.driver"},
		{"postgres without dsn", "database: {driver: postgres, dsn: ''}", nil, "database.dsn"},
		{"postgres with a file", "database: {driver: postgres, dsn: runclub.db}", nil, "database.dsn"},
		{"sqlite with a url", "", []string{"RUNCLUB_DATABASE_DSN=postgres://db.example/runclub"}, "database.dsn"},
		{"postgres url pgx cannot read", "", []string{"RUNCLUB_DATABASE_DRIVER=postgres", "RUNCLUB_DATABASE_DSN=postgres://runclub:123:abc@db.example/runclub?sslmode=bogus"}, "database.dsn"},
		{"postgres key=value pgx cannot read", "", []string{"RUNCLUB_DATABASE_DRIVER=postgres", "RUNCLUB_DATABASE_DSN=host=db.example password=123:abc connect_timeout=soon"}, "database.dsn"},
		{"postgres pool the leader's lock would fill", "database: {driver: postgres, dsn: 'postgres://runclub@db.example/runclub', max_open_conns: 1}", nil, "database.max_open_conns"},
		{"bad max open", "database: {max_open_conns: lots}", nil, "database.max_open_conns"},
		{"zero max open", "", []string{"RUNCLUB_DATABASE_MAX_OPEN_CONNS=0"}, "database.max_open_conns"},
		{"idle over open", "database: {max_open_conns: 5, max_idle_conns: 6}", nil, "database.max_idle_conns"},
		{"bad lifetime", "database: {conn_max_lifetime: forever}", nil, "database.conn_max_lifetime"},
		{"bad idle time", "", []string{"RUNCLUB_DATABASE_CONN_MAX_IDLE_TIME=5ms"}, "database.conn_max_idle_time"},
		{"bad zone", "defaults: {timezone: Mars/Base}", nil, "defaults.timezone"},
		{"bad wake", "", []string{"RUNCLUB_DEFAULTS_WAKE=25:00"}, "defaults.wake"},
		{"bad weekly", "defaults: {weekly: Someday}", nil, "defaults.weekly"},
		{"bad wind-down", "defaults: {wind_down: forever}", nil, "defaults.wind_down"},
		{"bad url", "", []string{"RUNCLUB_DISCORD_API_URL=ftp://x"}, "discord.api_url"},
		{"bad mode", "telegram: {mode: carrier-pigeon}", nil, "telegram.mode"},
		{"webhook without url", "telegram: {mode: webhook}", nil, "telegram.webhook_url"},
		{"webhook without secret", "telegram: {mode: webhook, webhook_url: 'https://bot.example/tg'}", nil, "telegram.webhook_secret"},
		{"webhook secret Telegram refuses", "telegram: {mode: webhook, webhook_url: 'https://bot.example/tg', webhook_secret: '123:abc'}", nil, "telegram.webhook_secret"},
		{"webhook secret too long", "", []string{"RUNCLUB_TELEGRAM_MODE=webhook", "RUNCLUB_TELEGRAM_WEBHOOK_URL=https://bot.example/tg", "RUNCLUB_TELEGRAM_WEBHOOK_SECRET=" + strings.Repeat("s", 257)}, "telegram.webhook_secret"},
		{"webhook over http", "telegram: {mode: webhook, webhook_url: 'http://bot.example/tg', webhook_secret: s3cret}", nil, "telegram.webhook_url"},
		{"short public key", "discord: {public_key: abc123}", nil, "discord.public_key"},
		{"public key not hex", "", []string{"RUNCLUB_DISCORD_PUBLIC_KEY=" + strings.Repeat("zz", 32)}, "discord.public_key"},
		{"interactions without key", "discord: {mode: interactions}", nil, "discord.mode"},
		{"bad discord mode", "discord: {mode: carrier-pigeon}", nil, "discord.mode"},
		{"bad leader retry", "leader: {retry_interval: often}", nil, "leader.retry_interval"},
		{"leader retry past a takeover's 30 s", "", []string{"RUNCLUB_LEADER_RETRY_INTERVAL=1m"}, "leader.retry_interval"},
		{"leader ping too quick", "leader: {ping_interval: 1ms}", nil, "leader.ping_interval"},
		{"leader ping slower than retry", "leader: {retry_interval: 2s, ping_interval: 3s}", nil, "leader.ping_interval"},
		{"bad level", "log: {level: loud}", nil, "log.level"},
		{"typo in section", "telgram: {mode: polling}", nil, "telgram"},
		{"typo in key", "database: {dns: x.db}", nil, "database.dns"},
		{"typo in an environment key", "", []string{"RUNCLUB_DATABASE_DNS=postgres://db.example/runclub"}, "RUNCLUB_DATABASE_DNS"},
		{"typo in the token's variable", "", []string{"RUNCLUB_TELEGRAM_TOKN=123:abc"}, "RUNCLUB_TELEGRAM_TOKN"},
		{"token in file", "telegram: {token: '123:abc'}", nil, "telegram.token"},
		{"missing token file", "discord: {token_file: /nonexistent/token}", nil, "discord.token_file"},
		{"image folder missing", "", []string{"RUNCLUB_CONSOLE_IMAGE_DIR=/nonexistent/pictures"}, "console.image_dir"},
		{"image folder is a file", "console: {image_dir: config.go}", nil, "console.image_dir"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, "c.yaml", c.yaml)
			_, err := loadConfig(path, c.env)
			if err == nil || !strings.Contains(err.Error(), c.key+":") {
				t.Fatalf("err = %v, want it to name %s", err, c.key)
			}
			if strings.Contains(err.Error(), "123:abc") {
				t.Error("the error repeats a token")
			}
		})
	}
}
