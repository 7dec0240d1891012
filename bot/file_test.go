package bot

import (
	"context"
	"errors"
	"testing"
)

func TestResolveDrawsFilesOnceAndDropsThoseWithNothing(t *testing.T) {
	failed := errors.New("no canvas")
	tests := []struct {
		name      string
		image     *File
		wantImage string // "" for no image
		wantErr   error
	}{
		{name: "no file", image: nil},
		{name: "data already there", image: &File{Name: "a.png", Data: []byte("a")}, wantImage: "a"},
		{name: "drawn now", image: &File{Name: "b.png", Draw: func(context.Context) ([]byte, error) { return []byte("b"), nil }}, wantImage: "b"},
		{name: "nothing to draw", image: &File{Name: "c.png", Draw: func(context.Context) ([]byte, error) { return nil, nil }}},
		{name: "drawing failed", image: &File{Name: "d.png", Draw: func(context.Context) ([]byte, error) { return nil, failed }}, wantErr: failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := Reply{Text: "text", Image: tt.image}
			got, err := in.Resolve(context.Background())
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got.Text != "text" {
				t.Errorf("text = %q, want kept", got.Text)
			}
			switch {
			case tt.wantImage == "" && got.Image != nil:
				t.Errorf("image = %+v, want none", got.Image)
			case tt.wantImage != "" && (got.Image == nil || string(got.Image.Data) != tt.wantImage || got.Image.Draw != nil):
				t.Errorf("image = %+v, want data %q", got.Image, tt.wantImage)
			}
			if tt.image != nil && tt.image.Draw != nil && len(tt.image.Data) != 0 {
				t.Error("the caller's file was written to")
			}
		})
	}
}
