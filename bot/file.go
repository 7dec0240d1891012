package bot

import (
	"context"
	"fmt"
)

// Resolve returns r with the data of its files drawn (File.Draw), for an
// adapter to call just before it sends r. A file whose Draw gives nothing is
// left out. A file that fails to draw is left out too, and the error
// returned with the rest of the reply, which the adapter still sends: the
// text carries the same facts as the picture.
func (r Reply) Resolve(ctx context.Context) (Reply, error) {
	var errs []error
	r.Image, errs = resolveFile(ctx, r.Image, errs)
	r.Document, errs = resolveFile(ctx, r.Document, errs)
	if len(errs) > 0 {
		return r, fmt.Errorf("draw the attachment of a reply: %w", errs[0])
	}
	return r, nil
}

func resolveFile(ctx context.Context, f *File, errs []error) (*File, []error) {
	if f == nil || f.Draw == nil || len(f.Data) > 0 {
		return f, errs
	}
	data, err := f.Draw(ctx)
	if err != nil {
		return nil, append(errs, fmt.Errorf("%s: %w", f.Name, err))
	}
	if len(data) == 0 {
		return nil, errs
	}
	out := *f
	out.Data, out.Draw = data, nil
	return &out, errs
}
